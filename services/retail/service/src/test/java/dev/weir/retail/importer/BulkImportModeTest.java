package dev.weir.retail.importer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** When an import loads its lines in bulk. */
class BulkImportModeTest {

    @Test
    void paysWhenTheNewLinesAreAtLeastTheMinimumAndAtLeastAsManyAsTheTableHolds() {
        BulkMode mode = BulkMode.DEFAULT;
        // the full file into an empty table, and after the sample
        assertThat(mode.pays(536_641, 0)).isTrue();
        assertThat(mode.pays(526_837, 9_804)).isTrue();
        assertThat(mode.pays(50_000, 50_000)).isTrue();
        assertThat(mode.pays(50_000, 50_001)).isFalse();
        // the sample into an empty table; a few lines into a full one
        assertThat(mode.pays(9_804, 0)).isFalse();
        assertThat(mode.pays(49_999, 0)).isFalse();
        assertThat(mode.pays(4, 536_641)).isFalse();
        assertThat(BulkMode.NEVER.pays(Long.MAX_VALUE - 1, 0)).isFalse();
    }

}
