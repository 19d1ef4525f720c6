package dev.weir.edge;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.weir.platform.launch.ServiceLaunch;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How {@code weir up} starts the edge: last, its backends the services started before it,
 * and every other service told whose tokens to accept and the services' client.
 */
class EdgeLaunchTest {

    private final EdgeLaunch edge = new EdgeLaunch(Map.of("WEIR_EDGE_PORT", "26080"));

    @Test
    void startsLastAndIsListedFirst() {
        assertThat(this.edge.order()).isGreaterThan(90);
        assertThat(this.edge.upLinesOrder()).isLessThan(10);
        assertThat(this.edge.port().variable()).isEqualTo("WEIR_EDGE_PORT");
    }

    @Test
    void routesToEachServiceStartedBeforeItByName() {
        List<String> args = this.edge
            .arguments(launch(false, false, running("retail", 26081), running("ingest", 26082)));
        assertThat(args).contains("--weir.edge.public-url=http://localhost:26080",
                "--weir.edge.backends.retail.instances=http://127.0.0.1:26081",
                "--weir.edge.backends.ingest.instances=http://127.0.0.1:26082",
                "--weir.edge.service-client.id=weir-services");
        assertThat(args).noneMatch((arg) -> arg.startsWith("--server.ssl"));
    }

    @Test
    void tellsEveryOtherServiceItsIssuerKeysAndTheServicesClientWithTheSameSecret() {
        List<String> others = this.edge.argumentsForOthers(launch(false, false));
        assertThat(others).contains("--weir.security.issuer=http://localhost:26080",
                "--weir.security.jwks-uri=http://127.0.0.1:26080/oauth2/jwks",
                "--weir.security.service-client.id=weir-services");
        assertThat(others).anyMatch((arg) -> arg.startsWith("--spring.autoconfigure.exclude="));
        assertThat(others).noneMatch((arg) -> arg.contains("insecure-dev"));
        String secret = value(others, "--weir.security.service-client.secret=");
        assertThat(secret).hasSizeGreaterThanOrEqualTo(32);
        assertThat(value(this.edge.arguments(launch(false, false)), "--weir.edge.service-client.secret="))
            .isEqualTo(secret);
        assertThat(value(new EdgeLaunch(Map.of()).argumentsForOthers(launch(false, false)),
                "--weir.security.service-client.secret="))
            .as("a new secret for every weir up")
            .isNotEqualTo(secret);
    }

    @Test
    void insecureDevelopmentModeIsPassedOnAndSaidLoudly() {
        assertThat(this.edge.argumentsForOthers(launch(false, true))).contains("--weir.security.mode=insecure-dev");
        assertThat(this.edge.upLines(running("edge", 26080, launch(false, true))))
            .anyMatch((line) -> line.contains("INSECURE DEVELOPMENT MODE"));
        assertThat(this.edge.upLines(running("edge", 26080, launch(false, false))))
            .noneMatch((line) -> line.contains("INSECURE"))
            .anyMatch((line) -> line.startsWith("  Edge          http://localhost:26080"));
    }

    private static String value(List<String> args, String prefix) {
        return args.stream()
            .filter((arg) -> arg.startsWith(prefix))
            .findFirst()
            .orElseThrow()
            .substring(prefix.length());
    }

    private static ServiceLaunch.Launch launch(boolean tls, boolean insecureDev, ServiceLaunch.Running... started) {
        return new ServiceLaunch.Launch() {

            @Override
            public Path dataDir() {
                return Path.of("/tmp/weir-edge-launch-test");
            }

            @Override
            public boolean tls() {
                return tls;
            }

            @Override
            public boolean insecureDev() {
                return insecureDev;
            }

            @Override
            public List<ServiceLaunch.Running> started() {
                return List.of(started);
            }

        };
    }

    private static ServiceLaunch.Running running(String name, int port) {
        return running(name, port, launch(false, false));
    }

    private static ServiceLaunch.Running running(String name, int port, ServiceLaunch.Launch launch) {
        return new ServiceLaunch.Running() {

            @Override
            public String name() {
                return name;
            }

            @Override
            public int port() {
                return port;
            }

            @Override
            public ServiceLaunch.Launch launch() {
                return launch;
            }

            @Override
            public <T> T bean(Class<T> type) {
                throw new UnsupportedOperationException();
            }

        };
    }

}
