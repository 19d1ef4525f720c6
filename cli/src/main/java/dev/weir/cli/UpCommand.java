package dev.weir.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import dev.weir.ingest.IngestApplication;
import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.platform.grpc.WeirGrpcServer;
import dev.weir.retail.RetailApplication;

/**
 * {@code weir up}: PostgreSQL (embedded under the data directory unless {@code --db-url})
 * and every Weir service in this JVM, each on its own port. Stops cleanly on Ctrl-C:
 * services first, then the embedded database.
 */
@Command(name = "up", mixinStandardHelpOptions = true, description = {
        "Start Weir on this machine: PostgreSQL (embedded, data under --data-dir, unless --db-url), "
                + "a Kafka broker (embedded, log under --data-dir, unless --kafka-bootstrap) and every service in one process.",
        "Ports: retail 8081 (env WEIR_RETAIL_PORT), retail gRPC 9081 (env WEIR_RETAIL_GRPC_PORT), ingest 8082 (env WEIR_INGEST_PORT), Kafka 9092. Stop with Ctrl-C." })
final class UpCommand implements Callable<Integer> {

    private static volatile boolean running;

    @Mixin
    DatabaseOptions database;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    /**
     * Whether {@code weir up} started and Weir is serving (the JVM must then stay alive).
     */
    static boolean running() {
        return running;
    }

    @Override
    public Integer call() throws IOException {
        PrintWriter out = this.spec.commandLine().getOut();
        Path dataDir = this.database.dataDir();
        Files.createDirectories(dataDir);
        FileChannel lockChannel = FileChannel.open(dataDir.resolve("weir.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = lockChannel.tryLock();
        if (lock == null) {
            this.spec.commandLine()
                .getErr()
                .println("Weir is already running with its data in " + dataDir
                        + ". Stop it first, or use another --data-dir.");
            lockChannel.close();
            return 1;
        }
        out.println("Starting Weir with its data in " + dataDir + " ...");
        out.flush();
        DatabaseOptions.Database db = this.database.open();
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        EmbeddedKafka[] broker = new EmbeddedKafka[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(services, broker[0], db, lockChannel), "weir-stop"));
        try {
            broker[0] = this.kafka.start(dataDir);
            services.add(start(RetailApplication.builder(), db, this.kafka.bootstrapServers()));
            services.add(start(IngestApplication.builder(), db, this.kafka.bootstrapServers(),
                    "--weir.ingest.data-dir=" + dataDir));
        }
        catch (RuntimeException ex) {
            this.spec.commandLine().getErr().println("Weir could not start: " + rootMessage(ex));
            return 1;
        }
        int retailPort = port(services.get(0));
        int retailGrpcPort = services.get(0).getBean(WeirGrpcServer.class).port();
        int ingestPort = port(services.get(1));
        out.println();
        out.println("Weir is up.");
        out.printf(
                "  Retail API    http://localhost:%d   (docs /docs, /redoc; OpenAPI /openapi.json; health /health)%n",
                retailPort);
        out.printf(
                "  Retail gRPC   localhost:%d          (retail.v1; reflection and health: grpcurl -plaintext localhost:%d list)%n",
                retailGrpcPort, retailGrpcPort);
        out.printf(
                "  Ingest API    http://localhost:%d   (connectors /connectors, docs /docs; CLI: ./weir connector list)%n",
                ingestPort);
        out.printf("  PostgreSQL    %s   (user %s%s)%n", db.url(), db.user(),
                (db.embedded() != null) ? ", password in " + dataDir.resolve("postgres").resolve("password") : "");
        out.printf("  Kafka         %s   (%s; topics: ./weir topics)%n", this.kafka.bootstrapServers(),
                (broker[0] != null) ? "embedded, log in " + dataDir.resolve("kafka") : "external cluster");
        out.println("  The edge gateway (port 8080) is not built yet: until it is, call the Retail API on port "
                + retailPort + " directly.");
        out.println("Stop with Ctrl-C.");
        out.flush();
        running = true;
        return 0;
    }

    private static ConfigurableApplicationContext start(SpringApplicationBuilder service, DatabaseOptions.Database db,
            String kafkaBootstrap, String... more) {
        // As arguments, so they win over the service's own file (which reads WEIR_DB_URL
        // for standalone use).
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap));
        args.addAll(List.of(more));
        return service.registerShutdownHook(false)
            .properties(Map.of("spring.main.banner-mode", "off"))
            .run(args.toArray(String[]::new));
    }

    private static void stop(List<ConfigurableApplicationContext> services, EmbeddedKafka broker,
            DatabaseOptions.Database db, FileChannel lock) {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
        db.stop();
        try {
            lock.close();
        }
        catch (IOException ex) {
            // the lock goes with the process anyway
        }
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    private static String rootMessage(Throwable ex) {
        return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
    }

}
