package dev.weir.ingest.pull.run;

import java.util.ArrayList;
import java.util.List;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.pull.definition.Source;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.ingest.support.TestUpstream;
import dev.weir.ingest.support.TokenPagedConnector;
import dev.weir.testing.upstreams.FhrsUpstream;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Java connector ({@link TokenPagedConnector}) runs through the same engine. Its API
 * names the next page in a response header, which the FHRS API does not: WireMock serves
 * it, with pages as testing/upstreams' FHRS API serves them.
 */
@IngestIT
class JavaConnectorIT {

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @Test
    void aJavaPaginatorFollowsTokensFromResponseHeadersWithEverythingElseFromTheEngine() {
        WireMockServer upstream = TestUpstream.server();
        upstream.resetAll();
        List<byte[]> pages = new ArrayList<>();
        try (FhrsUpstream fhrs = TestConnectors.upstream(3).start()) {
            for (int page = 1; page <= 3; page++) {
                pages.add(TestConnectors.served(fhrs, page));
            }
        }
        upstream.stubFor(get(urlPathEqualTo("/token-paged/Establishments")).withQueryParam("page_token", absent())
            .willReturn(json(pages.get(0)).withHeader("X-Next-Page-Token", "t-2")));
        upstream.stubFor(get(urlPathEqualTo("/token-paged/Establishments")).withQueryParam("page_token", equalTo("t-2"))
            .willReturn(json(pages.get(1)).withHeader("X-Next-Page-Token", "t-3")));
        upstream.stubFor(get(urlPathEqualTo("/token-paged/Establishments")).withQueryParam("page_token", equalTo("t-3"))
            .willReturn(json(pages.get(2))));

        assertThat(this.catalog.get("token-paged").source()).isEqualTo(Source.JAVA);
        RunReport report = this.runs.run("token-paged", RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);

        assertThat(report.status()).as(report.render()).isEqualTo(RunStatus.SUCCEEDED);
        assertThat(report.view().counts().pages()).isEqualTo(3);
        assertThat(report.view().counts().records()).isEqualTo(150);
        assertThat(upstream.getAllServeEvents()).hasSize(3);

        RunReport again = this.runs.run("token-paged", RunRequest.of(RunTrigger.CLI, false), RunListener.NONE);
        assertThat(again.view().counts().pagesSkipped()).as("fingerprints hold the tokens' pages too").isEqualTo(3);
    }

    private static ResponseDefinitionBuilder json(byte[] body) {
        return aResponse().withHeader("Content-Type", "application/json; charset=utf-8").withBody(body);
    }

}
