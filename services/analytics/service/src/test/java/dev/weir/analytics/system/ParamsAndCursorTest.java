package dev.weir.analytics.system;

import java.time.YearMonth;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.weir.platform.error.WeirException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ParamsAndCursorTest {

    @Test
    void aRangeWhoseEndIsBeforeItsStartNamesTheEnd() {
        assertThatThrownBy(() -> Params.range("from", YearMonth.of(2011, 5), "to", YearMonth.of(2011, 2)))
            .isInstanceOfSatisfying(WeirException.class, (ex) -> {
                assertThat(ex.fieldErrors()).singleElement().satisfies((e) -> {
                    assertThat(e.field()).isEqualTo("to");
                    assertThat(e.in()).isEqualTo("query");
                    assertThat(e.detail()).isEqualTo("must not be before from (2011-05), got 2011-02");
                });
            });
        Params.range("from", YearMonth.of(2011, 5), "to", YearMonth.of(2011, 5));
        Params.range("from", null, "to", YearMonth.of(2011, 5));
    }

    @Test
    void numbersOutsideTheirBoundsOrNotFiniteAreRefused() {
        assertThat(Params.number("lat", "51.5", -90, 90, null)).isEqualTo(51.5);
        assertThat(Params.number("radius_m", null, 1, 50_000, 1000.0)).isEqualTo(1000.0);
        assertThatThrownBy(() -> Params.number("lat", "NaN", -90, 90, null)).isInstanceOf(WeirException.class);
        assertThatThrownBy(() -> Params.number("lat", "Infinity", -90, 90, null)).isInstanceOf(WeirException.class);
        assertThatThrownBy(() -> Params.number("lat", null, -90, 90, null)).hasMessageContaining("is required");
    }

    @Test
    void aCursorGivesBackTheValuesItWasMadeOfAndRefusesAnythingElse() {
        String token = Cursor.of("123.450", "85123A", 7);
        assertThat(Cursor.parse(token, 3)).containsExactly("123.450", "85123A", "7");
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(Cursor.parse(null, 3)).isNull();
        assertThatThrownBy(() -> Cursor.parse(token, 2)).isInstanceOfSatisfying(WeirException.class,
                (ex) -> assertThat(ex.fieldErrors().get(0).field()).isEqualTo("after"));
        assertThatThrownBy(() -> Cursor.parse("%%%", 1)).isInstanceOf(WeirException.class);
        assertThatThrownBy(() -> Cursor.decimal("12a")).isInstanceOf(WeirException.class);
    }

    @Test
    void aCursorHoldingWhatNoPositionOfThisServiceCanHoldIsRefused() {
        // NUL (PostgreSQL text cannot hold it): the tokens an outside fuzzer sent
        assertInvalidPosition("AB", 1);
        assertInvalidPosition("MC4wHwAfMA", 3);
        assertInvalidPosition(Cursor.of("0.5", "New\u0000ham", 1), 3);
        // bytes that are not UTF-8
        assertInvalidPosition(Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[] { 'N', (byte) 0xff }),
                1);
        // a number written other than as a decimal the service writes
        assertThatThrownBy(() -> Cursor.decimal("1E+999999999")).isInstanceOf(WeirException.class);
        assertThatThrownBy(() -> Cursor.decimal("")).isInstanceOf(WeirException.class);
        assertThat(Cursor.decimal("-12.50")).isEqualByComparingTo("-12.5");
        assertThat(Cursor.decimal("7")).isEqualByComparingTo("7");
    }

    @Test
    void aCursorKeepsTextAsTheWarehouseHoldsItOtherControlCharactersIncluded() {
        // the warehouse keeps tabs and line breaks inside text, so a page can end there
        String token = Cursor.of("0.5", "Tab\there\nand there", 3);
        assertThat(Cursor.parse(token, 3)).containsExactly("0.5", "Tab\there\nand there", "3");
    }

    @Test
    void ifNoneMatchMatchesStrongWeakListedAndWildcardTags() {
        assertThat(HttpAnswers.matches("\"retail.7\"", "\"retail.7\"")).isTrue();
        assertThat(HttpAnswers.matches("W/\"retail.7\"", "\"retail.7\"")).isTrue();
        assertThat(HttpAnswers.matches("\"retail.6\", \"retail.7\"", "\"retail.7\"")).isTrue();
        assertThat(HttpAnswers.matches("*", "\"retail.7\"")).isTrue();
        assertThat(HttpAnswers.matches("\"retail.6\"", "\"retail.7\"")).isFalse();
        assertThat(HttpAnswers.matches(null, "\"retail.7\"")).isFalse();
    }

    @Test
    void ifNoneMatchMatchesTheTagOfACompressedAnswer() {
        // as the web server's compression writes it, and a client sends it back
        assertThat(HttpAnswers.matches("\"retail.7--gzip\"", "\"retail.7\"")).isTrue();
        assertThat(HttpAnswers.matches("W/\"open-meteo.12--br\"", "\"open-meteo.12\"")).isTrue();
        assertThat(HttpAnswers.matches("\"retail.6--gzip\"", "\"retail.7\"")).isFalse();
        assertThat(HttpAnswers.matches("\"retail.7--\"", "\"retail.7\"")).isFalse();
        assertThat(HttpAnswers.matches("\"retail.7--GZ!P\"", "\"retail.7\"")).isFalse();
        assertThat(HttpAnswers.matches("\"--gzip\"", "\"retail.7\"")).isFalse();
    }

    private static void assertInvalidPosition(String token, int parts) {
        assertThatThrownBy(() -> Cursor.parse(token, parts)).as(token)
            .isInstanceOfSatisfying(WeirException.class, (ex) -> assertThat(ex.fieldErrors()).singleElement()
                .satisfies((e) -> assertThat(e.field()).isEqualTo("after")));
    }

}
