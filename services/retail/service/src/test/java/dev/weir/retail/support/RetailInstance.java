package dev.weir.retail.support;

import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.retail.RetailApplication;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPostgres;

/**
 * A Retail service started by a test itself, for what a cached test context cannot do:
 * two processes on one database, a restart on the same database, a broker that comes and
 * goes.
 */
public final class RetailInstance implements AutoCloseable {

    private final ConfigurableApplicationContext context;

    private final Http http;

    private RetailInstance(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new Http(((WebServerApplicationContext) context).getWebServer().getPort());
    }

    /**
     * Starts the service on random ports (HTTP and gRPC), on database {@code jdbcUrl} of
     * the test PostgreSQL, publishing to {@code bootstrapServers}.
     */
    public static RetailInstance start(String jdbcUrl, String bootstrapServers, String... properties) {
        EmbeddedPostgres postgres = TestPostgres.server();
        List<String> args = new ArrayList<>(List.of("--server.port=0", "--weir.grpc.port=0",
                "--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + postgres.username(),
                "--spring.datasource.password=" + postgres.password(),
                "--spring.kafka.bootstrap-servers=" + bootstrapServers, "--spring.main.banner-mode=off"));
        dev.weir.testing.infra.TestTokensInitializer.properties()
            .forEach((name, value) -> args.add("--" + name + "=" + value));
        for (String property : properties) {
            args.add("--" + property);
        }
        return new RetailInstance(RetailApplication.builder().run(args.toArray(String[]::new)));
    }

    public Http http() {
        return this.http;
    }

    /** What {@code /health} says of the outbox relay: leading, standby or stopped. */
    public String relay() {
        return this.http.get("/health").json().get("components").get("outbox").get("details").get("relay").asString();
    }

    /** A metric's first measurement, from {@code /metrics/{name}}. */
    public double metric(String name) {
        return this.http.get("/metrics/" + name).json().get("measurements").get(0).get("value").asDouble();
    }

    @Override
    public void close() {
        this.context.close();
    }

}
