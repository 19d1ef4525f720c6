package dev.weir.ingest.pull.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every kind of authentication against an upstream that checks it (testing/upstreams'
 * FHRS API refusing requests without the right credentials, 4 pages of recorded
 * establishments), secrets from files, and no secret in anything the run writes. The
 * OAuth2 token endpoint, which the FHRS API has not, is WireMock's.
 */
@IngestIT
class AuthIT {

    private static final int PAGES = 4;

    @TempDir
    Path secrets;

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    private final WireMockServer tokens = TestUpstream.server();

    private FhrsUpstream upstream;

    @BeforeEach
    void start() {
        this.tokens.resetAll();
        this.upstream = TestConnectors.upstream(PAGES).start();
    }

    @AfterEach
    void stop() {
        this.upstream.close();
    }

    @Test
    void sendsAnApiKeyInAHeaderReadFromASecretFile() throws IOException {
        String name = "key-header";
        Path key = secret("key", "k-3f9a-header-secret");
        requiring("X-Api-Key", "k-3f9a-header-secret");
        RunReport report = run(name,
                "auth: { type: api_key, in: header, name: X-Api-Key, value: \"${file:" + key + "}\" }");
        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().records()).isEqualTo(200);
        assertNoSecretIn(name, report, "k-3f9a-header-secret");
    }

    @Test
    void sendsAnApiKeyAsAQueryParameterWithoutItReachingFingerprintsOrHeaders() throws IOException {
        String name = "key-query";
        Path key = secret("key", "q-77c1-query-secret");
        RunReport report = run(name,
                "auth: { type: api_key, in: query, name: api_key, value: \"${file:" + key + "}\" }");
        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(this.upstream.counters().requests()).isEqualTo(PAGES);
        for (int page = 1; page <= PAGES; page++) {
            assertThat(this.upstream.counters().requestsTo(TestConnectors.page(page) + "&api_key=q-77c1-query-secret"))
                .as("page %d with the key", page)
                .isEqualTo(1);
        }
        assertNoSecretIn(name, report, "q-77c1-query-secret");
    }

    @Test
    void sendsBearerAndBasicCredentials() throws IOException {
        String bearer = "bearer";
        requiring("Authorization", "Bearer tok-51b2-bearer");
        RunReport withBearer = run(bearer,
                "auth: { type: bearer, token: \"${file:" + secret("token", "tok-51b2-bearer") + "}\" }");
        assertThat(withBearer.status()).as(withBearer.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertNoSecretIn(bearer, withBearer, "tok-51b2-bearer");

        String basic = "basic";
        String encoded = Base64.getEncoder().encodeToString("weir:pw-9e0d-basic".getBytes(StandardCharsets.UTF_8));
        requiring("Authorization", "Basic " + encoded);
        RunReport withBasic = run(basic, "auth: { type: basic, username: weir, password: \"${file:"
                + secret("password", "pw-9e0d-basic") + "}\" }");
        assertThat(withBasic.status()).as(withBasic.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertNoSecretIn(basic, withBasic, "pw-9e0d-basic");
    }

    @Test
    void fetchesAnOAuth2TokenWithClientCredentialsAndAFreshOneAfterA401() throws IOException {
        String name = "oauth";
        String client = Base64.getEncoder().encodeToString("weir:cs-0c4e-client".getBytes(StandardCharsets.UTF_8));
        this.tokens.stubFor(post(urlPathEqualTo("/" + name + "/token")).inScenario(name)
            .whenScenarioStateIs(STARTED)
            .withHeader("Authorization", equalTo("Basic " + client))
            .withRequestBody(equalTo("grant_type=client_credentials&scope=ratings.read"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"at-first-1111\", \"token_type\": \"Bearer\", \"expires_in\": 3600}"))
            .willSetStateTo("first token issued"));
        this.tokens.stubFor(post(urlPathEqualTo("/" + name + "/token")).inScenario(name)
            .whenScenarioStateIs("first token issued")
            .withHeader("Authorization", equalTo("Basic " + client))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"at-second-2222\", \"token_type\": \"Bearer\", \"expires_in\": 3600}")));
        // the upstream revokes the first token after page 2
        for (int page = 1; page <= PAGES; page++) {
            String token = (page <= 2) ? "at-first-1111" : "at-second-2222";
            this.upstream.faults()
                .inject(TestConnectors.onPage(page, Fault.status(401).unlessHeader("Authorization", "Bearer " + token))
                    .always());
        }

        RunReport report = run(name, """
                auth:
                  type: oauth2_client_credentials
                  token_url: %s/%s/token
                  client_id: weir
                  client_secret: "${file:%s}"
                  scope: ratings.read
                """.formatted(TestUpstream.baseUrl(), name, secret("client", "cs-0c4e-client")));

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().records()).isEqualTo(200);
        this.tokens.verify(2, postRequestedFor(urlPathEqualTo("/" + name + "/token")));
        assertNoSecretIn(name, report, "cs-0c4e-client", "at-first-1111", "at-second-2222");
    }

    @Test
    void fetchesATokenAgainOnceTheLastOneIsAboutToExpire() throws IOException {
        String name = "oauth-expiry";
        // a token that lives 30 s is renewed before each use (tokens are renewed 30 s
        // early)
        this.tokens.stubFor(post(urlPathEqualTo("/" + name + "/token"))
            .willReturn(aResponse().withHeader("Content-Type", "application/json")
                .withBody("{\"access_token\": \"at-short-3333\", \"expires_in\": 30}")));
        requiring("Authorization", "Bearer at-short-3333");

        RunReport report = run(name,
                """
                        auth: { type: oauth2_client_credentials, token_url: "%s/%s/token", client_id: weir, client_secret: "${file:%s}", client_auth: body }
                        """
                    .formatted(TestUpstream.baseUrl(), name, secret("client", "cs-5d6f-body")));

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        this.tokens.verify(4, postRequestedFor(urlPathEqualTo("/" + name + "/token"))
            .withRequestBody(equalTo("grant_type=client_credentials&client_id=weir&client_secret=cs-5d6f-body")));
    }

    @Test
    void aTokenEndpointRefusingTheClientStopsTheRunWithoutRetryingIt() throws IOException {
        String name = "oauth-refused";
        this.tokens.stubFor(post(urlPathEqualTo("/" + name + "/token")).willReturn(aResponse().withStatus(401)));
        RunReport report = run(name,
                """
                        auth: { type: oauth2_client_credentials, token_url: "%s/%s/token", client_id: weir, client_secret: "${file:%s}" }
                        """
                    .formatted(TestUpstream.baseUrl(), name, secret("client", "cs-aa11-refused")));
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).isEqualTo("GET " + this.upstream.baseUrl() + TestConnectors.page(1)
                + " failed: TokenException: the token endpoint " + TestUpstream.baseUrl() + "/" + name
                + "/token answered 401 to the client credentials of client 'weir'");
        this.tokens.verify(1, postRequestedFor(urlPathEqualTo("/" + name + "/token")));
    }

    @Test
    void masksASecretTheUpstreamEchoesInAnError() throws IOException {
        String name = "echo";
        this.upstream.faults()
            .inject(TestConnectors.onPage(1,
                    Fault.answer(403, "application/json", "{\"error\": \"key e-12ab-echoed is not allowed here\"}")));
        RunReport report = run(name,
                "auth: { type: api_key, name: X-Api-Key, value: \"${file:" + secret("key", "e-12ab-echoed") + "}\" }");
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error()).contains("answered 403 Forbidden", "key **** is not allowed here")
            .doesNotContain("e-12ab-echoed");
    }

    @Test
    void aSecretReferenceThatCannotBeResolvedStopsTheRunNamingItAndSendsNothing() {
        String name = "unresolved";
        RunReport report = run(name, "auth: { type: bearer, token: \"${env:WEIR_TEST_TOKEN_THAT_IS_NOT_SET}\" }");
        assertThat(report.status()).isEqualTo(RunStatus.FAILED);
        assertThat(report.view().error())
            .isEqualTo("auth: environment variable WEIR_TEST_TOKEN_THAT_IS_NOT_SET is not set");
        assertThat(this.upstream.counters().requests()).isZero();
    }

    /**
     * From now on the upstream refuses every request that does not carry this header with
     * this value (and no longer checks what it checked before).
     */
    private void requiring(String header, String value) {
        this.upstream.faults().clear();
        this.upstream.faults().inject(Fault.status(401).unlessHeader(header, value).always());
    }

    private RunReport run(String name, String auth) {
        this.catalog.save(name, TestConnectors.establishments(name, this.upstream, auth));
        return this.runs.run(name, RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
    }

    private Path secret(String name, String value) throws IOException {
        Path file = this.secrets.resolve(name);
        Files.writeString(file, value + "\n");
        return file;
    }

    private void assertNoSecretIn(String name, RunReport report, String... secrets) {
        List<ConsumerRecord<String, byte[]>> records = TestKafka.records("weir.raw." + name);
        assertThat(records).isNotEmpty();
        StringBuilder written = new StringBuilder(report.render())
            // the report as stored with the run
            .append(EngineJson.write(report.view()));
        records.forEach((record) -> record.headers()
            .forEach((h) -> written.append(h.key()).append('=').append(new String(h.value(), StandardCharsets.UTF_8))));
        // the envelopes too (source, subject, data)
        records.forEach((record) -> written.append(new String(record.value(), StandardCharsets.UTF_8)));
        for (String secret : secrets) {
            assertThat(written.toString()).doesNotContain(secret);
        }
    }

}
