package dev.weir.analytics.system;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Analytics service's settings ({@code weir.analytics.*}).
 *
 * @param freshness how fresh answers are, and how long clients may keep them
 * @param cache the answers kept per dataset version
 * @param pages page sizes of the lists
 * @param ingest where the Ingest service's admin API is (connector runs)
 * @param kafka reading the loader's consumer lag
 * @param dashboard the dashboard page
 * @param reader the read-only role, when the service creates it at start
 */
@ConfigurationProperties("weir.analytics")
@Validated
public record AnalyticsProperties(@DefaultValue @Valid Freshness freshness, @DefaultValue @Valid Cache cache,
        @DefaultValue @Valid Pages pages, @DefaultValue @Valid Ingest ingest, @DefaultValue @Valid Kafka kafka,
        @DefaultValue @Valid Dashboard dashboard, @DefaultValue @Valid Reader reader) {

    /**
     * @param versionCheck how often the service reads each dataset's version (the
     * warehouse moves it in every loading transaction): an answer reflects every commit
     * older than this
     * @param maxAge how long a client or proxy may reuse a dataset answer
     * ({@code Cache-Control: max-age}) before revalidating it with {@code If-None-Match}
     * @param pipelineMaxAge the same for the pipeline-health answer, which is recomputed
     * at most this often
     */
    public record Freshness(@DefaultValue("1s") @NotNull Duration versionCheck,
            @DefaultValue("5s") @NotNull Duration maxAge, @DefaultValue("2s") @NotNull Duration pipelineMaxAge) {
    }

    /**
     * @param enabled whether answers are kept until their dataset changes (turn off to
     * measure the queries alone)
     * @param entries how many answers are kept (least recently used go first)
     */
    public record Cache(@DefaultValue("true") boolean enabled,
            @DefaultValue("20000") @Min(16) @Max(1_000_000) int entries) {
    }

    /**
     * @param defaultSize the page size when a request names none
     * @param maxSize the largest page size a request may ask for
     */
    public record Pages(@DefaultValue("50") @Min(1) int defaultSize, @DefaultValue("1000") @Min(1) int maxSize) {
    }

    /**
     * @param url the Ingest admin API
     * @param timeout how long a request to it may take before the health view says it is
     * unavailable
     * @param runs how many of each connector's last runs are shown
     */
    public record Ingest(@DefaultValue("http://127.0.0.1:8082") @NotNull URI url,
            @DefaultValue("2s") @NotNull Duration timeout, @DefaultValue("5") @Min(1) @Max(100) int runs) {
    }

    /**
     * @param enabled whether the consumer lag is read from Kafka
     * @param timeout how long reading the topics' end offsets may take
     */
    public record Kafka(@DefaultValue("true") boolean enabled, @DefaultValue("2s") @NotNull Duration timeout) {
    }

    /**
     * Read by {@link AnalyticsConfiguration} from the environment (to build the data
     * source, before these properties are bound), declared here so they are documented
     * and validated.
     *
     * @param ensure whether the given database user creates (or updates) the read-only
     * login role at start, and the service then connects as that role ({@code weir up}
     * sets it)
     * @param login the read-only login role
     * @param passwordFile where its password is kept (generated when missing)
     */
    public record Reader(@DefaultValue("false") boolean ensure, @DefaultValue("weir_analytics") String login,
            Path passwordFile) {
    }

    /**
     * @param refresh how often the dashboard's pipeline view polls the health answer
     */
    public record Dashboard(@DefaultValue("3s") @NotNull Duration refresh) {
    }

}
