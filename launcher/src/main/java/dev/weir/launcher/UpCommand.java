package dev.weir.launcher;

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
import java.util.Optional;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;

import dev.weir.cli.DatabaseOptions;
import dev.weir.cli.ExitCode;
import dev.weir.platform.embedded.EmbeddedKafka;
import dev.weir.platform.launch.ServiceLaunch;

/**
 * {@code weir up}: PostgreSQL (embedded under the data directory unless
 * {@code --db-url}), a Kafka broker (embedded unless {@code --kafka-bootstrap}) and every
 * Weir service in this JVM, each on its own port: the services are those whose
 * {@link ServiceLaunch} is on the class path, started in their order. Stops cleanly on
 * Ctrl-C: services first (last started first), then the broker and the embedded database.
 */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = { "Start Weir on this machine: PostgreSQL (embedded, data under --data-dir, unless --db-url), "
                + "a Kafka broker (embedded, log under --data-dir, unless --kafka-bootstrap) and every service in one process.",
                "Ports: the services' (below), Kafka 9092 (env WEIR_KAFKA_PORT) and its KRaft controller 9093 "
                        + "(env WEIR_KAFKA_CONTROLLER_PORT; neither with --kafka-bootstrap). Stop with Ctrl-C." })
public final class UpCommand implements Callable<Integer> {

    private static final String EXCLUDE = "--spring.autoconfigure.exclude=";

    /**
     * Micrometer's Logback metrics, which only the first service started keeps: the
     * services share one logging context in this JVM, and each service's binder would add
     * a filter to it that counts every log event of the JVM (again) and that every
     * log-level check of every library consults, Jetty's several times per request. The
     * first service's {@code logback.events} count them all.
     */
    private static final String LOGBACK_METRICS = "org.springframework.boot.micrometer.metrics.autoconfigure.logging.logback.LogbackMetricsAutoConfiguration";

    private static volatile boolean running;

    @Mixin
    DatabaseOptions database;

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Option(names = "--tls", description = "Serve the edge (the one public door) over HTTPS with a self-signed "
            + "certificate for localhost, made once under --data-dir/tls (a real one: see docs/edge.md#tls).")
    boolean tls;

    @Option(names = "--insecure-dev", description = "LOCAL DEVELOPMENT ONLY: the services behind the edge check no "
            + "tokens, so they can be called directly without one. The edge still checks keys and tokens.")
    boolean insecureDev;

    private final List<ServiceLaunch> launches = ServiceLaunches.all();

    /**
     * Whether {@code weir up} started and Weir is serving (the JVM must then stay alive).
     */
    static boolean running() {
        return running;
    }

    /** Says in {@code weir up --help} which ports the services on the class path take. */
    static void describePorts(CommandSpec up) {
        List<String> description = new ArrayList<>(List.of(up.usageMessage().description()));
        description.set(1,
                "Ports: " + ports(ServiceLaunches.all())
                        + ", Kafka 9092 (env WEIR_KAFKA_PORT) and its KRaft controller "
                        + "9093 (env WEIR_KAFKA_CONTROLLER_PORT; neither with --kafka-bootstrap). Stop with Ctrl-C.");
        up.usageMessage().description(description.toArray(String[]::new));
    }

    private static String ports(List<ServiceLaunch> launches) {
        return launches.stream()
            .flatMap((launch) -> java.util.stream.Stream.concat(java.util.stream.Stream.of(launch.port()),
                    launch.otherPorts().stream()))
            .map(ServiceLaunch.Port::toString)
            .collect(java.util.stream.Collectors.joining(", "));
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
                .println("weir up: Weir is already running with its data in " + dataDir
                        + ". Stop it first, or use another --data-dir.");
            lockChannel.close();
            return ExitCode.BUSY;
        }
        List<PortCheck.Wanted> ports = wantedPorts(dataDir);
        RunningWeirs registry = RunningWeirs.inCacheDir();
        Optional<String> portProblem = new PortCheck(registry).problem(ports);
        if (portProblem.isPresent()) {
            this.spec.commandLine().getErr().println("weir up: " + portProblem.get());
            lockChannel.close();
            return ExitCode.BUSY;
        }
        out.println("Starting Weir with its data in " + dataDir + " ...");
        out.flush();
        DatabaseOptions.Database db = this.database.open();
        List<ConfigurableApplicationContext> services = new ArrayList<>();
        EmbeddedKafka[] broker = new EmbeddedKafka[1];
        Path[] registered = new Path[1];
        Runtime.getRuntime()
            .addShutdownHook(new Thread(() -> stop(services, broker[0], db, lockChannel, registered[0]), "weir-stop"));
        List<Started> started = new ArrayList<>();
        try {
            broker[0] = this.kafka.start(dataDir);
            for (ServiceLaunch launch : this.launches) {
                Launching launching = new Launching(dataDir, this.tls, this.insecureDev, List.copyOf(started));
                List<String> args = new ArrayList<>();
                for (ServiceLaunch other : this.launches) {
                    if (other != launch) {
                        args.addAll(other.argumentsForOthers(launching));
                    }
                }
                args.addAll(launch.arguments(launching));
                if (!started.isEmpty()) {
                    args.add(EXCLUDE + LOGBACK_METRICS);
                }
                ConfigurableApplicationContext service = start(launch, db, this.kafka.bootstrapServers(),
                        mergedExclusions(args));
                services.add(service);
                started.add(new Started(launch, service, launching));
            }
        }
        catch (RuntimeException ex) {
            this.spec.commandLine().getErr().println("weir up: Weir could not start: " + rootMessage(ex));
            return ExitCode.FAILED;
        }
        registered[0] = registry.register(dataDir,
                ports.stream().map(PortCheck.Wanted::port).collect(java.util.stream.Collectors.toSet()));
        out.println();
        out.println("Weir is up.");
        started.stream()
            .sorted(java.util.Comparator.comparingInt((Started service) -> service.descriptor.upLinesOrder()))
            .forEach((service) -> service.descriptor.upLines(service).forEach(out::println));
        out.printf("  PostgreSQL    %s   (user %s%s)%n", db.url(), db.user(),
                (db.embedded() != null) ? ", password in " + dataDir.resolve("postgres").resolve("password") : "");
        out.printf("  Kafka         %s   (%s; topics: ./weir topics)%n", this.kafka.bootstrapServers(),
                (broker[0] != null) ? "embedded, log in " + dataDir.resolve("kafka") : "external cluster");
        out.println("Stop with Ctrl-C.");
        out.flush();
        running = true;
        return 0;
    }

    /**
     * Every port this {@code weir up} will listen on: the services', and the embedded
     * PostgreSQL's and Kafka broker's unless external ones are used. The PostgreSQL a
     * killed Weir left running on this data directory is adopted, so its port is not
     * wanted free.
     */
    private List<PortCheck.Wanted> wantedPorts(Path dataDir) {
        List<PortCheck.Wanted> ports = new ArrayList<>(PortCheck.servicePorts(this.launches, System.getenv()));
        if (!this.database.external() && !Files.exists(dataDir.resolve("postgres/data/postmaster.pid"))) {
            ports.add(new PortCheck.Wanted(this.database.postgresPort(), "embedded PostgreSQL", "WEIR_POSTGRES_PORT"));
        }
        if (!this.kafka.external()) {
            ports.add(new PortCheck.Wanted(this.kafka.port, "embedded Kafka", "WEIR_KAFKA_PORT"));
            ports.add(new PortCheck.Wanted(this.kafka.controllerPort, "embedded Kafka's controller",
                    "WEIR_KAFKA_CONTROLLER_PORT"));
        }
        return ports;
    }

    /**
     * The arguments with every {@code --spring.autoconfigure.exclude=} among them merged
     * into one (of several, only one would count).
     */
    static List<String> mergedExclusions(List<String> args) {
        List<String> merged = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        for (String arg : args) {
            if (arg.startsWith(EXCLUDE)) {
                for (String name : arg.substring(EXCLUDE.length()).split(",")) {
                    if (!name.isBlank() && !excluded.contains(name.strip())) {
                        excluded.add(name.strip());
                    }
                }
            }
            else {
                merged.add(arg);
            }
        }
        if (!excluded.isEmpty()) {
            merged.add(EXCLUDE + String.join(",", excluded));
        }
        return merged;
    }

    private static ConfigurableApplicationContext start(ServiceLaunch launch, DatabaseOptions.Database db,
            String kafkaBootstrap, List<String> more) {
        // As arguments, so they win over the service's own file (which reads WEIR_DB_URL
        // for standalone use).
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + db.url(),
                "--spring.datasource.username=" + db.user(), "--spring.datasource.password=" + db.password(),
                "--spring.kafka.bootstrap-servers=" + kafkaBootstrap));
        args.addAll(more);
        return new SpringApplicationBuilder(launch.application()).main(launch.application())
            .properties("spring.config.name=" + launch.configName())
            .registerShutdownHook(false)
            .properties(Map.of("spring.main.banner-mode", "off"))
            .run(args.toArray(String[]::new));
    }

    private static void stop(List<ConfigurableApplicationContext> services, EmbeddedKafka broker,
            DatabaseOptions.Database db, FileChannel lock, Path registered) {
        for (int i = services.size() - 1; i >= 0; i--) {
            services.get(i).close();
        }
        if (broker != null) {
            broker.close();
        }
        db.stop();
        try {
            if (registered != null) {
                Files.deleteIfExists(registered);
            }
            lock.close();
        }
        catch (IOException ex) {
            // the lock goes with the process anyway
        }
    }

    private static String rootMessage(Throwable ex) {
        return NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
    }

    /** What a service is launched with. */
    private record Launching(Path dataDir, boolean tls, boolean insecureDev,
            List<ServiceLaunch.Running> started) implements ServiceLaunch.Launch {
    }

    /** A service started, as its {@link ServiceLaunch} sees it. */
    private record Started(ServiceLaunch descriptor, ConfigurableApplicationContext context,
            ServiceLaunch.Launch launch) implements ServiceLaunch.Running {

        @Override
        public String name() {
            return this.descriptor.name();
        }

        @Override
        public int port() {
            return ((WebServerApplicationContext) this.context).getWebServer().getPort();
        }

        @Override
        public <T> T bean(Class<T> type) {
            return this.context.getBean(type);
        }

    }

}
