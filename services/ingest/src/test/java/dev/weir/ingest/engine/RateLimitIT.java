package dev.weir.ingest.engine;

import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.connector.ConnectorCatalog;
import dev.weir.ingest.support.FhrsUpstream;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.RateLimitedUpstream;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against an upstream that allows 5 requests in any second: a budget below that sees no
 * 429; a budget ten times too high is slowed down by 429s and their Retry-After, and
 * still loses nothing.
 */
@IngestIT
class RateLimitIT {

    private static final List<ObjectNode> PAGES = TestConnectors.pages(9);

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    private final WireMockServer upstream = TestUpstream.server();

    @BeforeEach
    void reset() {
        this.upstream.resetAll();
    }

    @Test
    void aBudgetWithinTheUpstreamsLimitSeesNo429() {
        String name = "within-limit";
        stubLimited(name);
        this.catalog.save(name, connector(name, 4, 2));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isZero();
        assertThat(report.view().counts().requests()).isEqualTo(9);
        assertThat(report.view().counts().records()).isEqualTo(450);
        assertThat(this.upstream.getAllServeEvents())
            .allSatisfy((e) -> assertThat(e.getResponse().getStatus()).isEqualTo(200));
    }

    @Test
    void aBudgetAboveTheLimitIsSlowedBy429sAndStillLosesNothing() {
        String name = "above-limit";
        stubLimited(name);
        this.catalog.save(name, connector(name, 50, 1));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isPositive();
        assertThat(report.view().counts().retries()).isEqualTo(report.view().counts().rateLimited());
        assertThat(report.view().counts().records()).isEqualTo(450);
    }

    private void stubLimited(String name) {
        for (int i = 0; i < PAGES.size(); i++) {
            this.upstream.stubFor(TestConnectors.page(name, i + 1)
                .willReturn(FhrsUpstream.json(PAGES.get(i))
                    .withTransformers(RateLimitedUpstream.NAME)
                    .withTransformerParameter("per_second", 5)));
        }
    }

    private static String connector(String name, int perSecond, int concurrency) {
        return TestConnectors.establishments(name, "")
            .replace("budget: { requests_per_second: 1000, concurrency: 1 }",
                    "budget: { requests_per_second: " + perSecond + ", concurrency: " + concurrency + " }")
            .replace("retry: { max_attempts: 4, initial_backoff: 10ms, max_backoff: 50ms }",
                    "retry: { max_attempts: 6, initial_backoff: 10ms, max_backoff: 50ms }");
    }

}
