package dev.weir.ingest.pull.run;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.ingest.pull.definition.ConnectorCatalog;
import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.TestConnectors;
import dev.weir.testing.upstreams.Fault;
import dev.weir.testing.upstreams.FhrsUpstream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Secret references ({@code ${file:..}}, {@code ${env:..}}) are the connector
 * definition's: resolved in its headers and parameters, never in what a template takes
 * from the upstream's data, which is sent as it came.
 */
@IngestIT
class SecretReferencesIT {

    private static final String SECRET = "s3cr3t-from-a-file";

    @Autowired
    ConnectorCatalog catalog;

    @Autowired
    ConnectorRuns runs;

    @TempDir
    Path directory;

    private FhrsUpstream upstream;

    @AfterEach
    void stop() {
        if (this.upstream != null) {
            this.upstream.close();
        }
    }

    @Test
    void resolvesTheDefinitionsReferencesButSendsAReferenceInTheUpstreamsDataAsItIs() throws IOException {
        Path secret = Files.writeString(this.directory.resolve("secret.txt"), SECRET);
        String reference = "${file:" + secret + "}";
        this.upstream = TestConnectors.upstream(1).start();
        // the upstream refuses requests without the definition's key, resolved from the
        // file
        this.upstream.faults().inject(Fault.status(401).unlessHeader("X-Key", SECRET).always());
        // the parent list names an authority whose id is a secret reference
        this.upstream.faults()
            .inject(Fault
                .answer(200, "application/json", "{\"authorities\": [{\"LocalAuthorityId\": \"" + reference + "\"}]}")
                .on("/Authorities"));
        String name = "secret-references";
        this.catalog.save(name, """
                name: %s
                base_url: %s
                budget: { requests_per_second: 1000, concurrency: 1 }
                retry: { max_attempts: 1 }
                headers: { x-api-version: "2", X-Key: "%s" }
                streams:
                  - name: authorities
                    path: /Authorities
                    records: $.authorities[*]
                    primary_key: LocalAuthorityId
                  - name: establishments
                    parent: { stream: authorities, as: authority }
                    path: /Establishments
                    params: { localAuthorityId: "{{authority.LocalAuthorityId}}" }
                    records: $.establishments[*]
                    primary_key: FHRSID
                """.formatted(name, this.upstream.baseUrl(), reference));

        RunReport report = this.runs.run(name, RunRequest.of(RunTrigger.CLI, true), RunListener.NONE);

        assertThat(this.upstream.counters().answered(401))
            .as("every request carried the resolved key:\n%s", report.render())
            .isZero();
        List<String> authorityIds = this.upstream.counters()
            .snapshot()
            .perUrl()
            .keySet()
            .stream()
            .map((url) -> TestConnectors.param(url, "localauthorityid"))
            .filter((id) -> id != null)
            .map((id) -> URLDecoder.decode(id, StandardCharsets.UTF_8))
            .toList();
        assertThat(authorityIds).as(report.render()).containsExactly(reference);
    }

}
