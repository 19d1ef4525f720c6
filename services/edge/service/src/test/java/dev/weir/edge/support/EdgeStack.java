package dev.weir.edge.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.edge.EdgeApplication;
import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.RetailApplication;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPorts;
import dev.weir.testing.infra.TestPostgres;

/**
 * Weir as a client meets it, once per test JVM: the edge on a port of its own, in front
 * of a real Retail service that checks the edge's tokens against the edge's key set, each
 * on its own database of the test PostgreSQL. The ingest backend is configured but not
 * running (its calls fail). Test classes share it, so they use ids of their own.
 */
public final class EdgeStack {

    /** The admin key the edge is started with ({@code WEIR_ADMIN_KEY}). */
    public static final String ADMIN_KEY = "test-admin-key-0123456789abcdefghijklmnop";

    private static EdgeStack stack;

    private static RuntimeException failed;

    private final ConfigurableApplicationContext retail;

    private final ConfigurableApplicationContext edge;

    private final Path dataDir;

    private EdgeStack() {
        int edgePort = TestPorts.free();
        String issuer = "http://127.0.0.1:" + edgePort;
        List<String> retailArgs = new ArrayList<>(EdgeApplication.NOT_THE_EDGE);
        retailArgs.addAll(List.of("--server.port=0", "--weir.grpc.port=0",
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--weir.security.issuer=" + issuer,
                "--weir.security.jwks-min-refresh=1s", "--spring.main.banner-mode=off"));
        this.retail = RetailApplication.builder().run(database(retailArgs).toArray(String[]::new));
        try {
            this.dataDir = Files.createTempDirectory("weir-test-edge");
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        this.edge = EdgeApplication.builder()
            .run(database(List.of("--server.port=" + edgePort, "--weir.edge.public-url=" + issuer,
                    "--weir.edge.backends.retail.instances=http://127.0.0.1:" + port(this.retail),
                    "--weir.edge.backends.retail.health-interval=500ms",
                    "--weir.edge.backends.ingest.instances=http://127.0.0.1:" + TestPorts.free(),
                    "--weir.edge.admin-key=" + ADMIN_KEY, "--weir.edge.data-dir=" + this.dataDir,
                    "--weir.edge.signing-keys.propagation=3s", "--spring.main.banner-mode=off",
                    "--weir.edge.service-client.id=weir-services",
                    "--weir.edge.service-client.secret=" + SERVICE_SECRET,
                    "--weir.edge.service-client.scopes=retail.read,connectors.admin"))
                .toArray(String[]::new));
    }

    /** The stack, started on first use. */
    public static synchronized EdgeStack get() {
        if (failed != null) {
            throw new IllegalStateException("The edge stack did not start", failed);
        }
        if (stack == null) {
            try {
                stack = new EdgeStack();
            }
            catch (RuntimeException ex) {
                failed = ex;
                throw ex;
            }
        }
        return stack;
    }

    /** A client of the edge. */
    public Http edge() {
        return Http.anonymous(port(this.edge));
    }

    /** A client of the Retail service itself, round the edge. */
    /** The secret of the services' own client, {@code weir-services}. */
    public static final String SERVICE_SECRET = "services-secret-of-the-test-stack-0123456789";

    public Http retail() {
        return Http.anonymous(port(this.retail));
    }

    public int retailGrpcPort() {
        return this.retail.getBean(WeirGrpcServer.class).port();
    }

    public ConfigurableApplicationContext edgeContext() {
        return this.edge;
    }

    public Path dataDir() {
        return this.dataDir;
    }

    /** Creates an API key through the admin API and returns it. */
    public String key(String name, String limit, String... scopes) {
        String body = "{\"name\": \"" + name + "\", \"scopes\": [\"" + String.join("\", \"", scopes) + "\"]"
                + ((limit != null) ? ", \"limit\": \"" + limit + "\"" : "") + "}";
        Http.Response created = edge().post("/admin/keys", body, "X-API-Key", ADMIN_KEY);
        if (created.status() != 201) {
            throw new IllegalStateException("Could not create a key: " + created.status() + " " + created.body());
        }
        return created.json().get("key").asString();
    }

    /**
     * {@code args} and the datasource arguments of a new database of the test PostgreSQL.
     */
    public static List<String> database(List<String> args) {
        EmbeddedPostgres postgres = TestPostgres.server();
        List<String> all = new ArrayList<>(args);
        all.add("--spring.datasource.url=" + TestPostgres.newDatabase());
        all.add("--spring.datasource.username=" + postgres.username());
        all.add("--spring.datasource.password=" + postgres.password());
        return all;
    }

    static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

}
