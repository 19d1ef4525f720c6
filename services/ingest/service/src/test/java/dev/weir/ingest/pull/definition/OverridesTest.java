package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class OverridesTest {

    private static final String FHRS = """
            name: fhrs
            base_url: https://api.ratings.food.gov.uk
            headers: { x-api-version: "2" }
            streams:
              - name: authorities
                path: /Authorities
                records: $.authorities[*]
                primary_key: LocalAuthorityId
              - name: establishments
                parent: { stream: authorities, as: authority }
                path: /Establishments
                params: { localAuthorityId: "{{authority.LocalAuthorityId}}", pageSize: 500 }
                paginate: { type: page_number, param: pageNumber, total_pages: $.meta.totalPages }
                records: $.establishments[*]
                primary_key: FHRSID
            """;

    @TempDir
    Path connectors;

    @Test
    void environmentVariablesOverrideOptionsByTheirUpperCasePath() {
        Definition fhrs = define("fhrs", FHRS, Map.of("WEIR_CONNECTOR_FHRS_BASE_URL", "http://127.0.0.1:9000",
                "WEIR_CONNECTOR_FHRS_BUDGET_REQUESTS_PER_SECOND", "0.5",
                "WEIR_CONNECTOR_FHRS_STREAMS_ESTABLISHMENTS_PAGINATE_PARAM", "page",
                "WEIR_CONNECTOR_FHRS_STREAMS_1_PARAMS_PAGESIZE", "50", "WEIR_CONNECTOR_FHRS_HEADERS_X_API_VERSION", "3",
                "WEIR_CONNECTOR_FHRS_SCHEDULE", "0 30 2 * * *"), List.of("fhrs"));

        assertThat(fhrs.problems()).isEmpty();
        ConnectorConfig config = fhrs.config();
        assertThat(config.baseUrl()).hasToString("http://127.0.0.1:9000");
        assertThat(config.budget().requestsPerSecond()).isEqualTo(0.5);
        assertThat(((PaginationConfig.PageNumber) config.streams().get(1).paginate()).param()).isEqualTo("page");
        assertThat(config.streams().get(1).params()).containsEntry("pageSize", "50");
        assertThat(config.headers()).containsEntry("x-api-version", "3");
        assertThat(config.schedule()).isEqualTo("0 30 2 * * *");
        assertThat(fhrs.overrides()).contains("env WEIR_CONNECTOR_FHRS_BASE_URL",
                "env WEIR_CONNECTOR_FHRS_STREAMS_ESTABLISHMENTS_PAGINATE_PARAM");
    }

    @Test
    void anOverrideFileIsMergedOverTheDefinitionAndVariablesWinOverIt() throws IOException {
        Files.writeString(this.connectors.resolve("fhrs.override.yml"), """
                base_url: http://fhrs.internal:8080
                budget: { concurrency: 1 }
                streams:
                  - name: establishments
                    params: { pageSize: 100 }
                  - name: extra
                    path: /Extra
                    records: $.extra[*]
                    primary_key: id
                """);
        Definition fhrs = define("fhrs", FHRS, Map.of("WEIR_CONNECTOR_FHRS_BASE_URL", "http://127.0.0.1:9000"),
                List.of("fhrs"));

        assertThat(fhrs.problems()).isEmpty();
        ConnectorConfig config = fhrs.config();
        assertThat(config.baseUrl()).hasToString("http://127.0.0.1:9000");
        assertThat(config.budget().concurrency()).isEqualTo(1);
        assertThat(config.streams()).extracting(StreamConfig::name)
            .containsExactly("authorities", "establishments", "extra");
        assertThat(config.streams().get(1).params()).containsEntry("pageSize", "100")
            .containsEntry("localAuthorityId", "{{authority.LocalAuthorityId}}");
        assertThat(config.streams().get(1).paginate()).isInstanceOf(PaginationConfig.PageNumber.class);
        assertThat(fhrs.overrides()).containsExactly("file " + this.connectors.resolve("fhrs.override.yml"),
                "env WEIR_CONNECTOR_FHRS_BASE_URL");
    }

    @Test
    void aVariableNamingNoOptionIsAProblemNotSilentlyIgnored() {
        Definition fhrs = define("fhrs", FHRS,
                Map.of("WEIR_CONNECTOR_FHRS_BASE_ULR", "http://x", "WEIR_CONNECTOR_FHRS_HEADERS_ACCEPT", "text/xml"),
                List.of("fhrs"));

        assertThat(fhrs.valid()).isFalse();
        assertThat(fhrs.problems()).extracting(DefinitionProblem::path)
            .containsExactlyInAnyOrder("WEIR_CONNECTOR_FHRS_BASE_ULR", "WEIR_CONNECTOR_FHRS_HEADERS_ACCEPT");
        assertThat(fhrs.problems()).extracting(DefinitionProblem::message)
            .anySatisfy((message) -> assertThat(message)
                .startsWith("names no option: nothing at the top level is called BASE_ULR"))
            .anySatisfy((message) -> assertThat(message).contains("add new ones in the override file"));
    }

    @Test
    void aVariableGoesToTheConnectorWithTheLongestMatchingName() {
        String open = FHRS.replace("name: fhrs", "name: open");
        String meteo = FHRS.replace("name: fhrs", "name: open-meteo");
        Map<String, String> variables = Map.of("WEIR_CONNECTOR_OPEN_METEO_BASE_URL", "http://127.0.0.1:9100");
        List<String> names = List.of("open", "open-meteo");

        assertThat(define("open-meteo", meteo, variables, names).config().baseUrl())
            .hasToString("http://127.0.0.1:9100");
        Definition other = define("open", open, variables, names);
        assertThat(other.problems()).isEmpty();
        assertThat(other.config().baseUrl()).hasToString("https://api.ratings.food.gov.uk");
    }

    @Test
    void optionsAppearingThroughAnEarlierOverrideCanBeOverriddenToo() {
        Map<String, String> variables = new LinkedHashMap<>();
        variables.put("WEIR_CONNECTOR_FHRS_AUTH_TOKEN", "${env:FHRS_TOKEN}");
        variables.put("WEIR_CONNECTOR_FHRS_AUTH_TYPE", "bearer");
        Definition fhrs = define("fhrs", FHRS, variables, List.of("fhrs"));

        assertThat(fhrs.problems()).isEmpty();
        assertThat(fhrs.config().auth()).isEqualTo(new AuthConfig.Bearer(new Secret("${env:FHRS_TOKEN}")));
    }

    @Test
    void overriddenValuesAreValidatedLikeWrittenOnes() {
        Definition fhrs = define("fhrs", FHRS, Map.of("WEIR_CONNECTOR_FHRS_BUDGET_CONCURRENCY", "lots"),
                List.of("fhrs"));

        assertThat(fhrs.problems()).extracting(DefinitionProblem::toString)
            .containsExactly("budget.concurrency: must be a whole number, got 'lots'");
    }

    private Definition define(String name, String yaml, Map<String, String> variables, List<String> names) {
        return ConnectorDefinitions.define(name, Source.BUILT_IN, "test", yaml,
                new Overrides(variables, this.connectors), names);
    }

}
