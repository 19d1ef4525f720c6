package dev.weir.analytics.retail;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RfmTest {

    static final RetailAnalyticsRepository.RfmBounds BOUNDS = new RetailAnalyticsRepository.RfmBounds(
            LocalDateTime.of(2011, 12, 9, 12, 50),
            List.of(LocalDateTime.of(2011, 3, 1, 0, 0), LocalDateTime.of(2011, 6, 1, 0, 0),
                    LocalDateTime.of(2011, 9, 1, 0, 0), LocalDateTime.of(2011, 11, 1, 0, 0)),
            List.of(1L, 2L, 4L, 8L),
            List.of(new BigDecimal("200"), new BigDecimal("500"), new BigDecimal("1000"), new BigDecimal("3000")));

    @Test
    void scoresCountTheQuintileBoundsAValueIsAbove() {
        var rfm = RetailAnalyticsService.rfm(row(LocalDateTime.of(2011, 12, 1, 10, 0), 12, "5000"), BOUNDS);
        assertThat(rfm.recency()).isEqualTo(5);
        assertThat(rfm.frequency()).isEqualTo(5);
        assertThat(rfm.monetary()).isEqualTo(5);
        assertThat(rfm.segment()).isEqualTo("champions");
        assertThat(rfm.asOf()).hasToString("2011-12-10");
        assertThat(rfm.recencyDays()).isEqualTo(9);
        var lapsed = RetailAnalyticsService.rfm(row(LocalDateTime.of(2011, 1, 5, 9, 0), 1, "150"), BOUNDS);
        assertThat(lapsed.recency()).isEqualTo(1);
        assertThat(lapsed.frequency()).isEqualTo(1);
        assertThat(lapsed.segment()).isEqualTo("lost");
    }

    @Test
    void segmentsFollowTheDocumentedRules() {
        assertThat(RetailAnalyticsService.segment(4, 4, 4)).isEqualTo("champions");
        assertThat(RetailAnalyticsService.segment(3, 3, 1)).isEqualTo("loyal");
        assertThat(RetailAnalyticsService.segment(5, 1, 1)).isEqualTo("new");
        assertThat(RetailAnalyticsService.segment(2, 4, 5)).isEqualTo("at_risk");
        assertThat(RetailAnalyticsService.segment(1, 2, 2)).isEqualTo("lost");
        assertThat(RetailAnalyticsService.segment(2, 2, 2)).isEqualTo("needs_attention");
    }

    @Test
    void aCustomerWithoutOrdersHasNoSegment() {
        assertThat(RetailAnalyticsService.rfm(row(null, 0, "0"), BOUNDS)).isNull();
    }

    private static RetailAnalyticsRepository.CustomerRow row(LocalDateTime last, long orders, String spend) {
        return new RetailAnalyticsRepository.CustomerRow("1", "United Kingdom", orders, 0, 1, 1, new BigDecimal(spend),
                new BigDecimal(spend), last, last);
    }

}
