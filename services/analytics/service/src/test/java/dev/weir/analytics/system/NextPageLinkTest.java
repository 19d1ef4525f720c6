package dev.weir.analytics.system;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.ServletWebRequest;

import static org.assertj.core.api.Assertions.assertThat;

class NextPageLinkTest {

    @Test
    void theNextPageIsThisRequestsPathAndQueryWithAfterSet() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/retail/products/top");
        request.setQueryString("from=2011-01&limit=2&after=b2xk");

        assertThat(HttpAnswers.nextPage(new ServletWebRequest(request), "bmV3"))
            .isEqualTo("/retail/products/top?from=2011-01&limit=2&after=bmV3");
    }

    @Test
    void behindTheEdgeTheNextPageIsUnderThePrefixTheServiceIsMountedAt() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/rides/stations/busiest");
        request.setQueryString("limit=1");
        request.addHeader("X-Forwarded-Prefix", "/analytics");

        assertThat(HttpAnswers.nextPage(new ServletWebRequest(request), "MTI2OB8"))
            .isEqualTo("/analytics/rides/stations/busiest?limit=1&after=MTI2OB8");
    }

    @Test
    void aPrefixThatIsNotPlainPathSegmentsIsIgnored() {
        for (String hostile : new String[] { "http://evil.example", "//evil.example", "/a>; rel=\"x\"", "/a/../b", "",
                "/", "/a b" }) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", "/weather/hourly");
            request.addHeader("X-Forwarded-Prefix", hostile);

            assertThat(HttpAnswers.nextPage(new ServletWebRequest(request), "YQ")).as(hostile)
                .isEqualTo("/weather/hourly?after=YQ");
        }
    }

}
