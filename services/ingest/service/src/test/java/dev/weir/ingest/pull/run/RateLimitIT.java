package dev.weir.ingest.pull.run;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.testing.upstreams.FhrsUpstream;
import dev.weir.testing.upstreams.RateLimit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against an upstream that allows 5 requests in any second: a budget below that sees no
 * 429; a budget ten times too high is slowed down by 429s and their Retry-After, and
 * still loses nothing.
 */
@IngestIT
class RateLimitIT {

    /** Rochford's 74 establishments of the bundled slice, in pages of 10: 8 requests. */
    private static final int PAGES = 8;

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    private FhrsUpstream upstream;

    @BeforeEach
    void start() {
        // at most 5 requests in any one second, 429 + Retry-After above it
        this.upstream = FhrsUpstream.builder().slice().pageSize(10).rateLimit(RateLimit.slidingWindow(5)).start();
    }

    @AfterEach
    void stop() {
        this.upstream.close();
    }

    @Test
    void aBudgetWithinTheUpstreamsLimitSeesNo429() {
        String name = "within-limit";
        this.catalog.save(name, connector(name, 4, 2));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isZero();
        assertThat(report.view().counts().requests()).isEqualTo(PAGES);
        assertThat(report.view().counts().records()).isEqualTo(74);
        assertThat(this.upstream.counters().tooManyRequests()).isZero();
        assertThat(this.upstream.counters().answered(200)).isEqualTo(PAGES);
    }

    @Test
    void aBudgetAboveTheLimitIsSlowedBy429sAndStillLosesNothing() {
        String name = "above-limit";
        this.catalog.save(name, connector(name, 50, 1));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().rateLimited()).isPositive();
        assertThat(report.view().counts().rateLimited()).isEqualTo(this.upstream.counters().tooManyRequests());
        assertThat(report.view().counts().retries()).isEqualTo(report.view().counts().rateLimited());
        assertThat(report.view().counts().records()).isEqualTo(74);
    }

    private String connector(String name, int perSecond, int concurrency) {
        return """
                name: %s
                base_url: %s
                headers: { x-api-version: "2" }
                budget: { requests_per_second: %d, concurrency: %d }
                retry: { max_attempts: 6, initial_backoff: 10ms, max_backoff: 50ms }
                streams:
                  - name: establishments
                    path: /Establishments
                    params: { localAuthorityId: 15 }
                    paginate: { type: page_number, param: pageNumber, size_param: pageSize, size: 10, total_pages: $.meta.totalPages }
                    records: $.establishments[*]
                    primary_key: FHRSID
                """
            .formatted(name, this.upstream.baseUrl(), perSecond, concurrency);
    }

}
