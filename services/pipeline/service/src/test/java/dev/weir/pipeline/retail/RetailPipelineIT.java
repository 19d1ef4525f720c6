package dev.weir.pipeline.retail;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

import dev.weir.pipeline.PipelineApplication;
import dev.weir.pipeline.spi.JsonValues;
import dev.weir.pipeline.support.TestData;
import dev.weir.pipeline.support.Warehouse;
import dev.weir.retail.RetailApplication;
import dev.weir.retail.importer.ImportProgress;
import dev.weir.retail.importer.RetailImporter;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.infra.TestTokensInitializer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Retail service and the pipeline together, as {@code weir up} runs them: a bulk
 * import of the real sample (10,000 lines) reaches the warehouse through the Retail API's
 * export (the import publishes one summary event), and later API changes through the
 * Retail service's events; reconciliation agrees.
 */
class RetailPipelineIT {

    static ConfigurableApplicationContext retail;

    static ConfigurableApplicationContext pipeline;

    static String database;

    static int retailPort;

    static int pipelinePort;

    @BeforeAll
    static void start() throws Exception {
        database = TestPostgres.newDatabase();
        List<String> common = List.of("--spring.datasource.url=" + database,
                "--spring.datasource.username=" + TestPostgres.server().username(),
                "--spring.datasource.password=" + TestPostgres.server().password(),
                "--spring.kafka.bootstrap-servers=" + TestKafka.bootstrapServers(), "--server.port=0",
                "--logging.level.org.apache.kafka=WARN");
        // both check tokens of the test issuer; the pipeline calls Retail's export with
        // one
        List<String> tokens = TestTokensInitializer.properties()
            .entrySet()
            .stream()
            .map((property) -> "--" + property.getKey() + "=" + property.getValue())
            .toList();
        common = List.of(concat(common, tokens.toArray(String[]::new)));
        retail = RetailApplication.builder().run(concat(common, "--weir.grpc.port=0"));
        retailPort = ((WebServerApplicationContext) retail).getWebServer().getPort();
        Path dataDir = Files.createTempDirectory("weir-pipeline-retail");
        pipeline = PipelineApplication.builder()
            .run(concat(common, "--weir.pipeline.datasets=retail", "--weir.pipeline.data-dir=" + dataDir,
                    "--weir.pipeline.retail.url=http://127.0.0.1:" + retailPort,
                    "--weir.pipeline.clean.application-id-prefix=retail-it-" + ProcessHandle.current().pid(),
                    "--weir.pipeline.loader.group-id=retail-it-loader-" + ProcessHandle.current().pid()));
        pipelinePort = ((WebServerApplicationContext) pipeline).getWebServer().getPort();
    }

    @AfterAll
    static void stop() {
        if (pipeline != null) {
            pipeline.close();
        }
        if (retail != null) {
            retail.close();
        }
    }

    @Test
    void aBulkImportAndLaterApiChangesReachTheWarehouseAndReconcile() throws Exception {
        RetailImporter.importFile(TestPostgres.dataSource(database),
                TestData.onlineRetailHead(10_000, Files.createTempDirectory("weir-retail-sample")),
                ImportProgress.NONE);
        JsonNode counts = JsonValues.parse(get(retailPort, "/export/counts").getBytes());
        Warehouse warehouse = new Warehouse(JdbcClient.create(TestPostgres.dataSource(database)));
        Warehouse.await("the import is in the warehouse", Duration.ofSeconds(240),
                () -> warehouse.count("retail_invoice_line") == counts.path("lines").asLong()
                        && warehouse.count("retail_invoice") == counts.path("invoices").asLong()
                        && warehouse.count("retail_customer") == counts.path("customers").asLong()
                        && warehouse.count("retail_product") == counts.path("stock_codes").asLong());
        assertThat(counts.path("lines").asLong()).isGreaterThan(9_000);

        // a sample of values, against the Retail API
        JsonNode invoice = JsonValues.parse(get(retailPort, "/invoice/536365").getBytes());
        Map<String, Object> row = warehouse.jdbc()
            .sql("SELECT customer_id, country, kind, date_key FROM warehouse.retail_invoice WHERE invoice_no = '536365'")
            .query()
            .singleRow();
        assertThat(row.get("customer_id")).isEqualTo("17850");
        assertThat(row.get("country")).isEqualTo(invoice.path("country").asString());
        assertThat(row.get("date_key")).isEqualTo(20101201);
        assertThat(warehouse.jdbc()
            .sql("SELECT count(*) FROM warehouse.retail_invoice_line WHERE invoice_no = '536365'")
            .query(Long.class)
            .single()).isEqualTo(invoice.path("lines").size());
        assertThat(warehouse.jdbc()
            .sql("SELECT count(*) FROM warehouse.retail_invoice WHERE kind = 'cancellation'")
            .query(Long.class)
            .single()).isPositive();
        assertThat(warehouse.counter("retail", "rule.retail.no_customer")).isPositive();

        // a change through the API follows within seconds, through the Retail service's
        // events
        post(retailPort, "/customer", "{\"customer_id\": \"99001\", \"country\": \"Iceland\"}");
        post(retailPort, "/customer/99001/invoice",
                "{\"invoice_no\": \"700001\", \"invoice_date\": \"2026-11-21T10:00:00\"}");
        post(retailPort, "/invoice/700001/85123A", "{\"quantity\": 6}");
        Warehouse.await("the API's changes are in the warehouse", Duration.ofSeconds(60),
                () -> warehouse.jdbc()
                    .sql("SELECT count(*) FROM warehouse.retail_invoice_line WHERE invoice_no = '700001'")
                    .query(Long.class)
                    .single() == 1);
        assertThat(warehouse.jdbc()
            .sql("SELECT country FROM warehouse.retail_customer WHERE customer_id = '99001'")
            .query(String.class)
            .single()).isEqualTo("Iceland");

        Warehouse.await("the counts reconcile", Duration.ofSeconds(60),
                () -> JsonValues.parse(get(pipelinePort, "/reconcile/retail").getBytes())
                    .path("reconciled")
                    .asBoolean());
    }

    private static String[] concat(List<String> common, String... more) {
        java.util.List<String> all = new java.util.ArrayList<>(common);
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static String get(int port, String path) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET());
    }

    private static String post(int port, String path, String json) {
        return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static String send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HttpClient.newHttpClient()
                .send(request.header("Authorization", TestTokens.bearer()).timeout(Duration.ofSeconds(30)).build(),
                        HttpResponse.BodyHandlers.ofString());
            return response.body();
        }
        catch (Exception ex) {
            throw new IllegalStateException(ex);
        }
    }

}
