package dev.weir.ingest.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import dev.weir.testing.upstreams.FhrsUpstream;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * The third-party APIs of the test JVM, each started once: testing/upstreams' FHRS API
 * serving the recorded slice ({@link #fhrs()}) for the built-in {@code fhrs} connector,
 * and a plain WireMock server ({@link #server()}) for what no testing/upstreams API
 * serves as the tests need (an OAuth token endpoint, the token-paged API of the Java
 * connector, Open-Meteo forecasts), which each test resets and stubs.
 */
public final class TestUpstream {

    private static WireMockServer server;

    private static FhrsUpstream fhrs;

    private TestUpstream() {
    }

    public static synchronized WireMockServer server() {
        if (server == null) {
            server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1").containerThreads(20));
            server.start();
            WireMockServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "test-upstream-stop"));
        }
        return server;
    }

    public static String baseUrl() {
        return "http://127.0.0.1:" + server().port();
    }

    /**
     * The FHRS API serving {@link FhrsSlice}, pages as large as asked for; a test resets
     * its faults and counters before it uses it.
     */
    public static synchronized FhrsUpstream fhrs() {
        if (fhrs == null) {
            fhrs = FhrsUpstream.builder().dataSet(FhrsSlice.dataSet()).start();
            FhrsUpstream started = fhrs;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "test-fhrs-upstream-stop"));
        }
        return fhrs;
    }

}
