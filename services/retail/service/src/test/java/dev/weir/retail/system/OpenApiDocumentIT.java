package dev.weir.retail.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.OpenApiRules;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Retail service's served OpenAPI document says what the service does, so a client
 * generated from it works: the rules every Weir service's document follows
 * ({@link OpenApiRules}), and the retail fields that may be null, the page sizes and the
 * dates as the service accepts and writes them.
 */
@RetailIT
class OpenApiDocumentIT {

    @LocalServerPort
    int port;

    JsonNode api;

    @BeforeEach
    void document() throws IOException {
        Http.Response served = new Http(this.port).get("/openapi.json");
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "retail-openapi.json"), served.body());
        this.api = served.json();
    }

    @Test
    void describesEveryOperationsAnswersAsTheServiceGivesThem() {
        assertThat(OpenApiRules.violationsWhenGuarded(this.api)).isEmpty();
    }

    @Test
    void saysWhichFieldsMayBeNull() {
        JsonNode schemas = this.api.get("components").get("schemas");
        for (String[] field : new String[][] { { "StockCode", "description" }, { "StockCode", "unit_price" },
                { "Product", "name" }, { "Product", "description" }, { "Product", "price" },
                { "InvoiceLine", "description" } }) {
            assertThat(schemas.get(field[0]).get("properties").get(field[1]).get("type").toString()).as(field[0])
                .contains("\"null\"");
        }
        assertThat(schemas.get("Invoice").get("properties").get("customer").get("anyOf").toString())
            .contains("#/components/schemas/Link")
            .contains("\"null\"");
        assertThat(schemas.get("Customer").get("properties").get("country").get("type").asString()).isEqualTo("string");
    }

    @Test
    void givesEveryLimitItsRangeAndDefault() {
        for (String path : new String[] { "/customer", "/stockcode", "/products" }) {
            JsonNode limit = null;
            for (JsonNode parameter : this.api.get("paths").get(path).get("get").get("parameters")) {
                if (parameter.get("name").asString().equals("limit")) {
                    limit = parameter.get("schema");
                }
            }
            assertThat(limit).as(path).isNotNull();
            assertThat(limit.get("minimum").asInt()).as(path).isEqualTo(1);
            assertThat(limit.get("maximum").asInt()).as(path).isEqualTo(1000);
            assertThat(limit.get("default").asInt()).as(path).isEqualTo(50);
        }
    }

    @Test
    void describesDatesAndInvoiceNumbersAsTheServiceTakesAndWritesThem() {
        JsonNode schemas = this.api.get("components").get("schemas");
        JsonNode written = schemas.get("Invoice").get("properties").get("invoice_date");
        assertThat(written.has("format")).as("an RFC 3339 date-time would need an offset").isFalse();
        assertThat("2010-12-01T08:26:00").matches(written.get("pattern").asString());
        assertThat("2010-12-01T08:26:00Z").doesNotMatch(written.get("pattern").asString());

        JsonNode create = schemas.get("CreateInvoiceRequest").get("properties");
        String accepted = create.get("invoice_date").get("pattern").asString();
        for (String date : new String[] { "2021-01-05", "2021-01-05T10:00", "2021-01-05T10:00:00",
                "2021-01-05T10:00:00Z", "2021-01-05T10:00:00+02:00" }) {
            assertThat(date).matches(accepted);
        }
        assertThat(create.get("invoice_no").get("type").toString()).contains("\"string\"").contains("\"integer\"");
        assertThat("C536379").matches(create.get("invoice_no").get("pattern").asString());
        assertThat("a b").doesNotMatch(create.get("invoice_no").get("pattern").asString());
        assertThat(schemas.get("CreateInvoiceRequest").get("additionalProperties").asBoolean(true)).isFalse();
    }

}
