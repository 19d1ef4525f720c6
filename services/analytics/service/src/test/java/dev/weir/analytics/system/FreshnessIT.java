package dev.weir.analytics.system;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.MapPropertySource;
import org.springframework.test.context.ContextConfiguration;

import dev.weir.analytics.AnalyticsApplication;
import dev.weir.analytics.support.Loading;
import dev.weir.analytics.support.SampleData;
import dev.weir.analytics.support.TestClock;
import dev.weir.analytics.support.TestClockConfiguration;
import dev.weir.analytics.support.WarehouseDatabase;
import dev.weir.analytics.support.WarehouseLoad;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestPostgres;
import dev.weir.testing.infra.TestTokens;
import dev.weir.testing.infra.TestTokensInitializer;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A change loaded into the warehouse shows in the API within the freshness the docs
 * promise: the next request once {@code version-check} has passed since the service last
 * read the versions (an hour here, on a test clock, so the promise is checked both ways
 * without waiting).
 */
@SpringBootTest(classes = AnalyticsApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.config.name=" + AnalyticsApplication.NAME, "weir.analytics.freshness.version-check=1h",
                "weir.analytics.kafka.enabled=false" })
@ContextConfiguration(initializers = { FreshnessIT.SmallWarehouse.class, TestTokensInitializer.class })
@Import(TestClockConfiguration.class)
class FreshnessIT {

    @LocalServerPort
    int port;

    @Autowired
    TestClock clock;

    @Value("${spring.datasource.url}")
    String url;

    @Test
    void aLoadedInvoiceShowsInTheApiOnceTheVersionCheckIntervalHasPassed() {
        Http http = new Http(this.port, "analytics.read");
        Http.Response before = http.get("/retail/revenue/countries");
        String etag = before.header("ETag");
        BigDecimal franceBefore = net(before.json(), "France");

        // what the loader does with an invoice pushed to, or imported into, the Retail
        // service
        Instant now = Instant.now();
        LocalDateTime date = LocalDateTime.of(2010, 12, 3, 10, 0);
        new WarehouseLoad(TestPostgres.dataSource(this.url))
            .row("retail_invoice",
                    List.of("invoice_no", "invoice_date", "date_key", "customer_id", "country", "kind",
                            "source_version", "received_at"),
                    List.of("invoice_no"), "900001", date, 20101203, "12345", "France", "sale", now, now)
            .row("retail_invoice_line",
                    List.of("invoice_no", "line_no", "stock_code", "description", "quantity", "unit_price",
                            "received_at"),
                    List.of("invoice_no", "line_no"), "900001", 1, "85123A", "HEART", 8, new BigDecimal("2.55"), now)
            .row("retail_invoice_line",
                    List.of("invoice_no", "line_no", "stock_code", "description", "quantity", "unit_price",
                            "received_at"),
                    List.of("invoice_no", "line_no"), "900001", 2, "22423", "CAKESTAND", 3, new BigDecimal("12.75"),
                    now)
            .commit();

        double keptBefore = kept(http);
        Http.Response cached = http.get("/retail/revenue/countries");
        assertThat(cached.header("ETag")).isEqualTo(etag);
        assertThat(net(cached.json(), "France")).isEqualByComparingTo(franceBefore);
        // sent again from memory, in front of the servlet stack: the same bytes and
        // headers
        assertThat(kept(http)).isEqualTo(keptBefore + 1);
        assertThat(cached.body()).isEqualTo(before.body());
        for (String header : new String[] { "ETag", "Cache-Control", "Last-Modified", "Content-Type" }) {
            assertThat(cached.header(header)).as(header).isEqualTo(before.header(header));
        }
        assertThat(http.get("/retail/revenue/countries", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(http.get("/retail/revenue/countries", "Accept", "text/html").status()).isEqualTo(406);

        this.clock.advance(Duration.ofHours(1));
        Http.Response fresh = http.get("/retail/revenue/countries", "If-None-Match", etag);
        assertThat(fresh.status()).isEqualTo(200);
        assertThat(fresh.header("ETag")).isNotEqualTo(etag);
        assertThat(net(fresh.json(), "France")).isEqualByComparingTo(franceBefore.add(new BigDecimal("58.65")));
        JsonNode customer = http.get("/retail/customers/12345").json();
        assertThat(customer.get("orders").asLong()).isEqualTo(1);
        assertThat(customer.get("spend").decimalValue()).isEqualByComparingTo("58.65");
    }

    /** Answers the servlet stack did not see. */
    private static double kept(Http http) {
        return http.get("/metrics/weir.analytics.kept.answers", "Authorization", TestTokens.bearer("admin"))
            .json()
            .get("measurements")
            .get(0)
            .get("value")
            .asDouble();
    }

    private static BigDecimal net(JsonNode body, String country) {
        for (JsonNode row : body.get("countries")) {
            if (row.get("country").asString().equals(country)) {
                return row.get("net").decimalValue();
            }
        }
        return BigDecimal.ZERO;
    }

    /**
     * A warehouse of its own (this test writes), with the first 2,000 Online Retail
     * lines.
     */
    static class SmallWarehouse implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            WarehouseDatabase database = WarehouseDatabase.create();
            Loading.retail(database.owner(), SampleData.retail(2_000), 500);
            context.getEnvironment()
                .getPropertySources()
                .addFirst(new MapPropertySource("small-warehouse",
                        Map.of("spring.datasource.url", database.url(), "spring.datasource.username",
                                WarehouseReader.LOGIN, "spring.datasource.password",
                                WarehouseDatabase.READER_PASSWORD)));
        }

    }

}
