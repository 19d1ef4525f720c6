package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SecretsTest {

    @TempDir
    Path dir;

    @Test
    void resolvesEnvironmentAndFileReferencesAndMasksEveryResolvedValue() throws IOException {
        Path file = this.dir.resolve("password");
        Files.writeString(file, "s3cr3t-from-file\n");
        Secrets secrets = new Secrets(Map.of("API_KEY", "k3y/with+chars")::get);

        assertThat(secrets.resolve("Bearer ${env:API_KEY}")).isEqualTo("Bearer k3y/with+chars");
        assertThat(secrets.resolve("${file:" + file + "}")).isEqualTo("s3cr3t-from-file");
        assertThat(secrets.resolve("plain")).isEqualTo("plain");

        assertThat(secrets.mask("GET https://api.example.com/items?api_key=k3y%2Fwith%2Bchars failed; "
                + "password s3cr3t-from-file; header k3y/with+chars"))
            .isEqualTo("GET https://api.example.com/items?api_key=**** failed; password ****; header ****");
    }

    @Test
    void aMissingVariableOrFileIsNamedWithoutAnyValue() {
        Secrets secrets = new Secrets(Map.<String, String>of()::get);

        assertThatThrownBy(() -> secrets.resolve("${env:NOT_SET}"))
            .hasMessage("environment variable NOT_SET is not set");
        assertThatThrownBy(() -> secrets.resolve("${file:/no/such/file}"))
            .hasMessageStartingWith("cannot read secret file /no/such/file");
    }

    @Test
    void configurationViewsAndToStringNeverShowALiteralSecret() {
        String yaml = """
                name: secretive
                base_url: https://api.example.com
                headers: { X-Api-Key: literal-key-1234, Accept: application/json }
                params: { token: "${env:QUERY_TOKEN}" }
                auth: { type: basic, username: weir, password: literal-password }
                streams:
                  - name: items
                    path: /items
                    headers: { Authorization: Bearer abcdefgh }
                    records: $.items[*]
                    primary_key: id
                """;
        Definition definition = ConnectorDefinitions.define("secretive", Source.API, "test", yaml, Overrides.none(),
                List.of("secretive"));

        JsonNode masked = definition.maskedTree();
        assertThat(masked.get("auth").get("password").asString()).isEqualTo("****");
        assertThat(masked.get("auth").get("username").asString()).isEqualTo("weir");
        assertThat(masked.get("headers").get("X-Api-Key").asString()).isEqualTo("****");
        assertThat(masked.get("headers").get("Accept").asString()).isEqualTo("application/json");
        assertThat(masked.get("params").get("token").asString()).isEqualTo("${env:QUERY_TOKEN}");
        assertThat(masked.get("streams").get(0).get("headers").get("Authorization").asString()).isEqualTo("****");
        assertThat(masked.toString()).doesNotContain("literal-key-1234", "literal-password", "abcdefgh");
        assertThat(definition.config().toString()).doesNotContain("literal-password");
        assertThat(new Secret("hunter22")).hasToString("****");
        assertThat(new Secret("${env:X}")).hasToString("${env:X}");
    }

}
