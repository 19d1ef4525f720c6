package dev.weir.ingest.pull.definition;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefinitionValidationTest {

    @Test
    void builtInConnectorsAreValidWithTheirDocumentedOptions() throws IOException {
        ConnectorConfig fhrs = ConnectorDefinitions.read(resource("/connectors/fhrs.yml"));
        assertThat(fhrs.name()).isEqualTo("fhrs");
        assertThat(fhrs.headers()).containsEntry("x-api-version", "2");
        assertThat(fhrs.streams()).extracting(StreamConfig::name)
            .containsExactly("authorities", "establishments", "business_types", "ratings");
        StreamConfig establishments = fhrs.stream("establishments").orElseThrow();
        assertThat(establishments.parent()).isEqualTo(new StreamConfig.Parent("authorities", "authority"));
        assertThat(establishments.paginate())
            .isEqualTo(new PaginationConfig.PageNumber("pageNumber", 1, "pageSize", 500, "$.meta.totalPages"));
        assertThat(establishments.incremental().cursorField()).isEqualTo("RatingDate");
        assertThat(fhrs.children("authorities")).containsExactly(establishments);

        ConnectorConfig meteo = ConnectorDefinitions.read(resource("/connectors/open-meteo.yml"));
        StreamConfig hourly = meteo.streams().get(0);
        assertThat(hourly.forEach().values()).hasSizeGreaterThanOrEqualTo(5);
        assertThat(hourly.records().type()).isEqualTo(StreamConfig.RecordsType.COLUMNS);
        assertThat(hourly.primaryKey()).containsExactly("city", "time");
        assertThat(meteo.schedule()).isEqualTo("0 5 * * * *");
    }

    @Test
    void fillsDefaultsForOptionsNotGiven() {
        ConnectorConfig config = ConnectorDefinitions.read("""
                name: minimal
                base_url: https://api.example.com
                streams:
                  - name: items
                    path: /items
                    records: $.items[*]
                    primary_key: id
                """);
        assertThat(config.auth()).isEqualTo(new AuthConfig.None());
        assertThat(config.budget()).isEqualTo(new ConnectorConfig.Budget(5, 2));
        assertThat(config.timeouts())
            .isEqualTo(new ConnectorConfig.Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(30)));
        assertThat(config.retry()).isEqualTo(
                new ConnectorConfig.Retry(5, Duration.ofMillis(500), Duration.ofSeconds(60), Duration.ofMinutes(5)));
        assertThat(config.onBadPage()).isEqualTo(ConnectorConfig.BadPagePolicy.CONTINUE);
        assertThat(config.schedule()).isNull();
        assertThat(config.fingerprintTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.streams().get(0).paginate()).isEqualTo(new PaginationConfig.None());
    }

    @Test
    void listsEveryProblemOfADefinitionAtOnceEachWithItsPath() {
        assertThatThrownBy(() -> ConnectorDefinitions.read("""
                name: Bad Name
                base_url: ftp://example.com
                headers: { x-token: [a, b] }
                auth: { type: api_key, in: cookie }
                budget: { requests_per_second: fast, concurrency: 0 }
                timeouts: { read: 30 }
                retry: { max_attempts: 100, initial_backoff: 2m, max_backoff: 1m }
                on_bad_page: ignore
                schedule: every day
                colour: blue
                streams:
                  - name: establishments
                    parent: { stream: authorities }
                    path: /Establishments
                    params: { localAuthorityId: "{{authority.LocalAuthorityId}}" }
                    records: "$.establishments[*"
                    paginate: { type: page_number, total_pages: $.meta.totalPages }
                  - name: authorities
                    path: /Authorities
                    records: $.authorities[*]
                    primary_key: LocalAuthorityId
                    incremental: {}
                  - name: authorities
                    path: /again
                    records: $.x
                    primary_key: id
                    for_each: { as: city, values: [] }
                    parent: { stream: authorities, as: a }
                """)).isInstanceOfSatisfying(InvalidDefinitionException.class, (ex) -> {
            assertThat(ex.problems()).extracting(DefinitionProblem::toString)
                .contains("name: must be 1 to 60 lower case letters, digits, _ and - (it names topics weir.raw.<name>)",
                        "base_url: must be an absolute http or https URL, got 'ftp://example.com'",
                        "headers.x-token: must be a single value, not a list",
                        "auth.in: must be one of header, query, got 'cookie'", "auth.name: is required",
                        "auth.value: is required", "budget.requests_per_second: must be a number, got 'fast'",
                        "budget.concurrency: must be between 1 and 64, got 0",
                        "timeouts.read: must be a duration with a unit (500ms, 30s, 5m, 2h, 1d), got '30'",
                        "retry.max_attempts: must be between 1 and 50, got 100",
                        "retry.initial_backoff: must not be greater than max_backoff",
                        "on_bad_page: must be one of continue, fail, got 'ignore'",
                        "streams[0].parent.stream: 'authorities' is not a stream declared before this one",
                        "streams[0].primary_key: is required: the field (or list of fields) naming a record, its Kafka key",
                        "streams[0].paginate.param: is required", "streams[1].incremental.cursor_field: is required",
                        "streams[2].name: 'authorities' is the name of an earlier stream: stream names must be unique",
                        "streams[2].for_each: cannot be used with parent: a stream is partitioned by one or the other",
                        "streams[2].for_each.values: is required: a non-empty list of objects");
            assertThat(ex.problems()).extracting(DefinitionProblem::path)
                .contains("schedule", "colour", "streams[0].records");
            assertThat(ex.problems()).filteredOn((p) -> p.path().equals("colour"))
                .singleElement()
                .satisfies((p) -> assertThat(p.message()).startsWith("is not a known option here (known: name, "));
            assertThat(ex.getMessage()).startsWith("Connector 'Bad Name' has ");
        });
    }

    @Test
    void rejectsTemplatesThatReferToNothingBound() {
        assertThatThrownBy(() -> ConnectorDefinitions.read("""
                name: templates
                base_url: https://api.example.com
                streams:
                  - name: items
                    path: /items/{{item.id}}
                    params: { q: "{{ broken }" }
                    records: $.items[*]
                    primary_key: id
                """)).isInstanceOfSatisfying(InvalidDefinitionException.class, (ex) -> assertThat(ex.problems())
            .extracting(DefinitionProblem::toString)
            .containsExactlyInAnyOrder(
                    "streams[0].path: {{item...}} refers to 'item', which is not bound here (bind a name with parent.as or for_each.as)",
                    "streams[0].params.q: has a malformed placeholder: write {{name.field}}"));
    }

    @Test
    void reportsYamlThatIsNotYamlWithWhereItBreaks() {
        assertThatThrownBy(() -> ConnectorDefinitions.read("name: x\nstreams: [ {name: a\n"))
            .isInstanceOfSatisfying(InvalidDefinitionException.class, (ex) -> assertThat(ex.problems()).singleElement()
                .satisfies((p) -> assertThat(p.toString()).startsWith("(yaml): is not valid YAML: line ")));
    }

    @Test
    void acceptsEveryPaginationAndAuthenticationKind() {
        ConnectorConfig config = ConnectorDefinitions
            .read("""
                    name: kinds
                    base_url: https://api.example.com
                    auth:
                      type: oauth2_client_credentials
                      token_url: https://auth.example.com/token
                      client_id: weir
                      client_secret: ${env:CLIENT_SECRET}
                      scope: read
                    streams:
                      - { name: a, path: /a, records: $.a, primary_key: id, paginate: { type: offset, param: offset, limit_param: limit, limit: 100, total: $.total } }
                      - { name: b, path: /b, records: $.b, primary_key: id, paginate: { type: cursor, param: after, cursor: $.next } }
                      - { name: c, path: /c, records: $.c, primary_key: id, paginate: { type: next_link, path: $.links.next } }
                      - { name: d, path: /d, records: $.d, primary_key: [x, y.z], paginate: { type: next_link, from: header } }
                    """);
        assertThat(config.auth()).isInstanceOf(AuthConfig.OAuth2ClientCredentials.class);
        assertThat(config.streams()).extracting(StreamConfig::paginate)
            .containsExactly(new PaginationConfig.Offset("offset", "limit", 100, "$.total"),
                    new PaginationConfig.Cursor("after", "$.next"),
                    new PaginationConfig.NextLink(PaginationConfig.LinkSource.BODY, "$.links.next"),
                    new PaginationConfig.NextLink(PaginationConfig.LinkSource.HEADER, null));
        assertThat(Set.copyOf(config.streams().get(3).primaryKey())).isEqualTo(Set.of("x", "y.z"));
        assertThat(List.of(config.toString())).allSatisfy((text) -> assertThat(text).contains("${env:CLIENT_SECRET}"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DefinitionValidationTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

}
