package dev.weir.ingest.support;

import com.github.tomakehurst.wiremock.WireMockServer;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

/**
 * One WireMock server per test JVM playing the third-party APIs; each test resets it and
 * stubs what it needs.
 */
public final class TestUpstream {

    private static WireMockServer server;

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

}
