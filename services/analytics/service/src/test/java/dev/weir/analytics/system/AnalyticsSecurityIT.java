package dev.weir.analytics.system;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Analytics service checks the edge's token on every data call, kept answers
 * included: none is a 401 problem, a token without {@code analytics.read} a 403. The
 * dashboard's page and its files hold no data and are open.
 */
@AnalyticsIT
class AnalyticsSecurityIT {

    @LocalServerPort
    int port;

    @Test
    void aCallWithoutATokenIsAnUnauthenticatedProblem() {
        Http.Response answer = Http.anonymous(this.port).get("/retail/revenue/countries");

        assertThat(answer.status()).isEqualTo(401);
        assertThat(answer.header("Content-Type")).isEqualTo("application/problem+json");
        assertThat(answer.json().get("type").asString()).isEqualTo("https://weir.dev/problems/unauthenticated");
    }

    @Test
    void aTokenWithoutAnalyticsReadIsForbidden() {
        Http.Response answer = Http.anonymous(this.port)
            .get("/fhrs/ratings/authorities", "Authorization", TestTokens.bearer("retail.read"));

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("type").asString()).isEqualTo("https://weir.dev/problems/insufficient-scope");
    }

    @Test
    void anAnswerKeptInMemoryIsSentOnlyToACallerWithTheScope() {
        Http reader = new Http(this.port, "analytics.read");
        // asked twice, the second is sent again from memory in front of the servlet stack
        assertThat(reader.get("/weather/cities").status()).isEqualTo(200);
        double before = kept();
        assertThat(reader.get("/weather/cities").status()).isEqualTo(200);
        assertThat(kept()).as("the second answer came from memory").isEqualTo(before + 1);

        assertThat(Http.anonymous(this.port).get("/weather/cities").status()).isEqualTo(401);
        assertThat(Http.anonymous(this.port)
            .get("/weather/cities", "Authorization", TestTokens.bearer("retail.read"))
            .status()).isEqualTo(403);
    }

    private double kept() {
        return new Http(this.port, "analytics.read")
            .get("/metrics/weir.analytics.kept.answers", "Authorization", TestTokens.bearer("admin"))
            .json()
            .get("measurements")
            .get(0)
            .get("value")
            .asDouble();
    }

    @Test
    void theDashboardPageIsOpenAndNamesItsFilesRelativeToWhereItIsMounted() {
        Http anyone = Http.anonymous(this.port);
        Http.Response page = anyone.get("/dashboard", "Accept", "text/html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("src=\"./dashboard/app.js\"", "src=\"./webjars/echarts/");
        assertThat(anyone.get("/dashboard/app.js").status()).isEqualTo(200);
        Http.Response slash = anyone.get("/dashboard/?view=fhrs", "Accept", "text/html");
        assertThat(slash.status()).isEqualTo(302);
        assertThat(slash.header("Location")).isEqualTo("../dashboard?view=fhrs");
    }

}
