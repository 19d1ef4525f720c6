package dev.weir.platform.launch;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * How {@code weir up} starts a service in its one JVM: each service declares one, the
 * launcher finds them with {@link java.util.ServiceLoader} (a line naming the class in
 * {@code META-INF/services/dev.weir.platform.launch.ServiceLaunch}) and starts them in
 * {@link #order()}, each a Spring Boot application of its own reading its own
 * configuration file, with the launcher's datasource and Kafka given as arguments. A
 * service joins {@code weir up} by declaring this and being a dependency of the launcher.
 * <p>
 * Spring-free on purpose: the launcher builds the application from {@link #application()}
 * and {@link #configName()}.
 */
public interface ServiceLaunch {

    /**
     * The service's name, as in {@code services/<name>}: {@code retail}, {@code ingest}.
     */
    String name();

    /** The class annotated {@code @SpringBootApplication}. */
    Class<?> application();

    /**
     * The name of the service's configuration file ({@code spring.config.name}): services
     * sharing one JVM and class path never read each other's.
     */
    String configName();

    /** Where it starts among the others: lower first. */
    int order();

    /** Its HTTP port, in the {@code weir up --help} and the variable that sets it. */
    Port port();

    /** Other ports it listens on (a gRPC port), for {@code weir up --help}. */
    default List<Port> otherPorts() {
        return List.of();
    }

    /**
     * Arguments of the service beyond the datasource and Kafka the launcher gives every
     * service, e.g. {@code --weir.ingest.data-dir=...}.
     */
    default List<String> arguments(Launch launch) {
        return List.of();
    }

    /**
     * Arguments this service asks the launcher to give every <em>other</em> service, e.g.
     * the edge's: whose tokens to accept and where its keys are. The launcher asks every
     * service before it starts any.
     */
    default List<String> argumentsForOthers(Launch launch) {
        return List.of();
    }

    /**
     * Its lines in the "Weir is up." table, e.g.
     * {@code   Retail API    http://localhost:8081   (docs /docs, ...)}.
     */
    List<String> upLines(Running service);

    /**
     * Where its lines stand in the "Weir is up." table: lower first. The start order by
     * default; the edge, started last, is listed first.
     */
    default int upLinesOrder() {
        return order();
    }

    /**
     * A port.
     *
     * @param what what listens there, e.g. {@code retail}, {@code retail gRPC}
     * @param variable the environment variable that sets it, e.g.
     * {@code WEIR_RETAIL_PORT}
     * @param defaultPort the port without it
     */
    record Port(String what, String variable, int defaultPort) {

        public Port {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(variable, "variable");
        }

        /**
         * As {@code weir up --help} lists it: {@code retail 8081 (env WEIR_RETAIL_PORT)}.
         */
        @Override
        public String toString() {
            return this.what + " " + this.defaultPort + " (env " + this.variable + ")";
        }

    }

    /** What the launcher knows before it starts a service. */
    interface Launch {

        /** Weir's data directory (absolute). */
        Path dataDir();

        /**
         * {@code weir up --tls}: the public door (the edge) serves HTTPS with a
         * self-signed certificate made under the data directory.
         */
        default boolean tls() {
            return false;
        }

        /**
         * {@code weir up --insecure-dev}: local development only, the services behind the
         * edge check no tokens.
         */
        default boolean insecureDev() {
            return false;
        }

        /** The services started before this one, in their order. */
        default List<Running> started() {
            return List.of();
        }

    }

    /** A service started. */
    interface Running {

        /** Its name, as {@link ServiceLaunch#name()}. */
        String name();

        /** Its HTTP port. */
        int port();

        /**
         * How it was launched ({@code --tls}, {@code --insecure-dev}, the data
         * directory).
         */
        Launch launch();

        /** One of its beans (a port only a bean knows, such as a gRPC server's). */
        <T> T bean(Class<T> type);

    }

}
