package dev.weir.platform.error;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StorableTextTest {

    @Test
    void refusesANulCharacterAnywhere() {
        assertThat(StorableText.problem("\0")).contains("NUL");
        assertThat(StorableText.problem("abc\0")).contains("NUL");
    }

    @Test
    void refusesLoneSurrogatesButNotPairs() {
        assertThat(StorableText.problem("a\uD800")).contains("U+D800");
        assertThat(StorableText.problem("\uDC00b")).contains("U+DC00");
        assertThat(StorableText.problem("\uDC00\uD800")).contains("U+DC00");
        assertThat(StorableText.problem("bike \uD83D\uDEB2")).isNull();
    }

    @Test
    void takesOrdinaryTextAndNull() {
        assertThat(StorableText.problem("Ísland, 中国, tab\there")).isNull();
        assertThat(StorableText.problem("")).isNull();
        assertThat(StorableText.problem(null)).isNull();
    }

}
