package dev.weir.analytics;

import java.util.List;

import dev.weir.platform.launch.ServiceLaunch;

/**
 * How {@code weir up} starts the Analytics service: after the other services (80; the
 * edge comes last), on 8084, reading the warehouse as the read-only role
 * {@code weir_analytics}, which it creates (or whose password it sets) at start with the
 * launcher's database user, the password kept in
 * {@code <data-dir>/postgres/analytics-password}.
 */
public final class AnalyticsLaunch implements ServiceLaunch {

    @Override
    public String name() {
        return AnalyticsApplication.NAME;
    }

    @Override
    public Class<?> application() {
        return AnalyticsApplication.class;
    }

    @Override
    public String configName() {
        return AnalyticsApplication.NAME;
    }

    @Override
    public int order() {
        return 80;
    }

    @Override
    public Port port() {
        return new Port("analytics", "WEIR_ANALYTICS_PORT", 8084);
    }

    @Override
    public List<String> arguments(Launch launch) {
        return List.of("--weir.analytics.reader.ensure=true", "--weir.analytics.reader.password-file="
                + launch.dataDir().resolve("postgres").resolve("analytics-password"));
    }

    @Override
    public List<String> upLines(Running service) {
        return List.of(String.format(
                "  Analytics     http://localhost:%d   (dashboard http://localhost:%d/dashboard; docs /docs; read-only on the warehouse)",
                service.port(), service.port()));
    }

}
