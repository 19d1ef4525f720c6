package dev.weir.analytics.retail;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.analytics.support.AnalyticsIT;
import dev.weir.analytics.support.LoadedWarehouse;
import dev.weir.analytics.support.Sources;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The retail endpoints on a warehouse loaded from the Online Retail sample (10,000 source
 * lines, December 2010), against sums computed here from the same file.
 */
@AnalyticsIT
class RetailAnalyticsIT {

    @LocalServerPort
    int port;

    Http http;

    List<Sources.RetailLine> lines;

    @BeforeEach
    void setUp() {
        this.http = new Http(this.port, "analytics.read");
        this.lines = LoadedWarehouse.get().retail;
    }

    @Test
    void revenueByMonthIsSalesNetOfCancellationsAsInTheSourceFile() {
        JsonNode body = this.http.get("/retail/revenue/monthly").json();
        assertThat(body.get("months")).hasSize(1);
        JsonNode december = body.get("months").get(0);
        assertThat(december.get("month").asString()).isEqualTo("2010-12");
        assertThat(december.get("sales").decimalValue()).isEqualByComparingTo(sum((l) -> l.kind().equals("sale")));
        assertThat(december.get("cancellations").decimalValue())
            .isEqualByComparingTo(sum((l) -> l.kind().equals("cancellation")));
        assertThat(december.get("net").decimalValue()).isEqualByComparingTo(sum((l) -> true));
        assertThat(december.get("invoices").asLong()).isEqualTo(invoices((l) -> l.kind().equals("sale")));
        assertThat(december.get("cancelled_invoices").asLong())
            .isEqualTo(invoices((l) -> l.kind().equals("cancellation")));
        assertThat(body.get("total").get("net").decimalValue()).isEqualByComparingTo(sum((l) -> true));
    }

    @Test
    void revenueOfOneCountryIsThatCountrysLines() {
        JsonNode body = this.http.get("/retail/revenue/monthly?country=France&from=2010-12&to=2010-12").json();
        assertThat(body.get("country").asString()).isEqualTo("France");
        assertThat(body.get("total").get("net").decimalValue())
            .isEqualByComparingTo(sum((l) -> l.country().equals("France")));
        assertThat(this.http.get("/retail/revenue/monthly?from=2011-01").json().get("months")).isEmpty();
    }

    @Test
    void revenueByCountryMatchesEachCountrysSumHighestFirst() {
        Map<String, BigDecimal> expected = this.lines.stream()
            .collect(Collectors.groupingBy(Sources.RetailLine::country,
                    Collectors.reducing(BigDecimal.ZERO, Sources.RetailLine::amount, BigDecimal::add)));
        JsonNode countries = this.http.get("/retail/revenue/countries").json().get("countries");
        assertThat(countries).hasSize(expected.size());
        BigDecimal previous = null;
        for (JsonNode country : countries) {
            BigDecimal net = country.get("net").decimalValue();
            assertThat(net).as(country.get("country").asString())
                .isEqualByComparingTo(expected.get(country.get("country").asString()));
            if (previous != null) {
                assertThat(net).isLessThanOrEqualTo(previous);
            }
            previous = net;
        }
        assertThat(countries.get(0).get("country").asString()).isEqualTo("United Kingdom");
    }

    @Test
    void topProductsAreRankedByNetRevenueLikeTheSourceFile() {
        List<Map.Entry<String, BigDecimal>> expected = ranking();
        JsonNode page = this.http.get("/retail/products/top?limit=10").json();
        List<String> codes = new ArrayList<>();
        for (JsonNode product : page.get("items")) {
            codes.add(product.get("stock_code").asString());
            assertThat(product.get("revenue").decimalValue()).as(product.get("stock_code").asString())
                .isEqualByComparingTo(expected.get(codes.size() - 1).getValue());
            assertThat(product.get("rank").asInt()).isEqualTo(codes.size());
        }
        assertThat(codes).containsExactlyElementsOf(expected.subList(0, 10).stream().map(Map.Entry::getKey).toList());
        assertThat(codes).doesNotContain("POST", "DOT", "M");
    }

    @Test
    void topProductsPagesFollowedByNextWalkTheSameRanking() {
        List<String> walked = new ArrayList<>();
        String next = "/retail/products/top?limit=7&from=2010-12&to=2010-12";
        for (int page = 0; page < 5; page++) {
            Http.Response response = this.http.get(next.replaceFirst("^http://[^/]+", ""));
            assertThat(response.status()).isEqualTo(200);
            response.json().get("items").forEach((p) -> walked.add(p.get("stock_code").asString()));
            next = response.json().get("next").asString();
            assertThat(response.header("Link")).contains("rel=\"next\"");
        }
        assertThat(walked).containsExactlyElementsOf(ranking().subList(0, 35).stream().map(Map.Entry::getKey).toList());
    }

    @Test
    void topProductsByQuantityRankByNetUnits() {
        Map<String, Long> units = this.lines.stream()
            .filter((l) -> Sources.isProduct(l.stockCode()))
            .collect(Collectors.groupingBy(Sources.RetailLine::stockCode,
                    Collectors.summingLong(Sources.RetailLine::quantity)));
        List<String> expected = units.entrySet()
            .stream()
            .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
            .limit(5)
            .map(Map.Entry::getKey)
            .toList();
        JsonNode items = this.http.get("/retail/products/top?by=quantity&limit=5").json().get("items");
        List<String> codes = new ArrayList<>();
        items.forEach((p) -> {
            codes.add(p.get("stock_code").asString());
            assertThat(p.get("quantity").asLong()).isEqualTo(units.get(p.get("stock_code").asString()));
        });
        assertThat(codes).containsExactlyElementsOf(expected);
    }

    @Test
    void aCustomersSummaryMatchesTheirInvoicesInTheSourceFile() {
        String customer = "17850";
        List<Sources.RetailLine> theirs = this.lines.stream().filter((l) -> customer.equals(l.customerId())).toList();
        JsonNode body = this.http.get("/retail/customers/" + customer).json();
        assertThat(body.get("customer_id").asString()).isEqualTo(customer);
        assertThat(body.get("country").asString()).isEqualTo("United Kingdom");
        assertThat(body.get("orders").asLong()).isEqualTo(theirs.stream()
            .filter((l) -> l.kind().equals("sale"))
            .map(Sources.RetailLine::invoiceNo)
            .distinct()
            .count());
        assertThat(body.get("cancellations").asLong()).isEqualTo(theirs.stream()
            .filter((l) -> l.kind().equals("cancellation"))
            .map(Sources.RetailLine::invoiceNo)
            .distinct()
            .count());
        assertThat(body.get("spend").decimalValue()).isEqualByComparingTo(
                theirs.stream().map(Sources.RetailLine::amount).reduce(BigDecimal.ZERO, BigDecimal::add));
        assertThat(LocalDateTime.parse(body.get("first_purchase").asString())).isEqualTo(theirs.stream()
            .filter((l) -> l.kind().equals("sale"))
            .map(Sources.RetailLine::invoiceDate)
            .min(Comparator.naturalOrder())
            .orElseThrow());
        assertThat(LocalDateTime.parse(body.get("last_purchase").asString())).isEqualTo(theirs.stream()
            .filter((l) -> l.kind().equals("sale"))
            .map(Sources.RetailLine::invoiceDate)
            .max(Comparator.naturalOrder())
            .orElseThrow());
        JsonNode rfm = body.get("rfm");
        assertThat(rfm.get("as_of").asString()).isEqualTo(this.lines.stream()
            .filter((l) -> l.customerId() != null && l.kind().equals("sale"))
            .map((l) -> l.invoiceDate().toLocalDate())
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .plusDays(1)
            .toString());
        assertThat(rfm.get("segment").asString()).isEqualTo(RetailAnalyticsService.segment(rfm.get("recency").asInt(),
                rfm.get("frequency").asInt(), rfm.get("monetary").asInt()));
    }

    @Test
    void anUnknownCustomerIsANotFoundProblemNamingThem() {
        Http.Response response = this.http.get("/retail/customers/99999999");
        assertThat(response.status()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
        assertThat(response.json().get("customer_id").asString()).isEqualTo("99999999");
    }

    @Test
    void basketSizeByDayIsTheMeanOfTheDaysSaleInvoices() {
        Map<LocalDate, List<Sources.RetailLine>> byDay = new TreeMap<>(this.lines.stream()
            .filter((l) -> l.kind().equals("sale"))
            .collect(Collectors.groupingBy((l) -> l.invoiceDate().toLocalDate())));
        JsonNode periods = this.http.get("/retail/basket?interval=day").json().get("periods");
        assertThat(periods).hasSize(byDay.size());
        int i = 0;
        for (Map.Entry<LocalDate, List<Sources.RetailLine>> day : byDay.entrySet()) {
            JsonNode period = periods.get(i++);
            long invoices = day.getValue().stream().map(Sources.RetailLine::invoiceNo).distinct().count();
            assertThat(period.get("period").asString()).isEqualTo(day.getKey().toString());
            assertThat(period.get("invoices").asLong()).isEqualTo(invoices);
            assertThat(period.get("lines").asDouble()).isCloseTo((double) day.getValue().size() / invoices,
                    org.assertj.core.data.Offset.offset(1e-9));
        }
    }

    @Test
    void badParametersAreProblemsNamingTheParameter() {
        assertInvalid("/retail/revenue/monthly?from=2011-13", "from", "must be a month yyyy-MM");
        assertInvalid("/retail/revenue/monthly?from=2011-05&to=2011-02", "to", "must not be before from (2011-05)");
        assertInvalid("/retail/basket?from=2011-02-30", "from", "must be a date yyyy-MM-dd");
        assertInvalid("/retail/basket?interval=week", "interval", "must be one of [month, day]");
        assertInvalid("/retail/products/top?by=price", "by", "must be one of [revenue, quantity]");
        assertInvalid("/retail/products/top?limit=0", "limit", "must be between 1 and 1000");
        assertInvalid("/retail/products/top?limit=ten", "limit", "must be a whole number");
        assertInvalid("/retail/products/top?after=not-a-position", "after", "is not a position of this list");
    }

    @Test
    void answersCarryTheirVersionAndFreshnessAndAreNotSentAgainWhenUnchanged() {
        Http.Response first = this.http.get("/retail/revenue/countries");
        String etag = first.header("ETag");
        assertThat(etag).matches("\"retail\\.\\d+\"");
        assertThat(first.header("Cache-Control")).isEqualTo("max-age=5, must-revalidate");
        assertThat(first.header("Last-Modified")).isNotNull();
        Http.Response again = this.http.get("/retail/revenue/countries", "If-None-Match", etag);
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        assertThat(again.header("ETag")).isEqualTo(etag);
        assertThat(this.http.get("/retail/revenue/countries", "If-None-Match", "\"retail.0\"").status()).isEqualTo(200);
    }

    private void assertInvalid(String path, String parameter, String detail) {
        Http.Response response = this.http.get(path);
        assertThat(response.status()).as(path).isEqualTo(422);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode error = response.json().get("errors").get(0);
        assertThat(error.get("field").asString()).as(path).isEqualTo(parameter);
        assertThat(error.get("in").asString()).isEqualTo("query");
        assertThat(error.get("detail").asString()).as(path).contains(detail);
    }

    private List<Map.Entry<String, BigDecimal>> ranking() {
        Map<String, BigDecimal> revenue = this.lines.stream()
            .filter((l) -> Sources.isProduct(l.stockCode()))
            .collect(Collectors.groupingBy(Sources.RetailLine::stockCode,
                    Collectors.reducing(BigDecimal.ZERO, Sources.RetailLine::amount, BigDecimal::add)));
        return revenue.entrySet()
            .stream()
            .sorted(Map.Entry.<String, BigDecimal>comparingByValue()
                .reversed()
                .thenComparing(Map.Entry.comparingByKey()))
            .toList();
    }

    private BigDecimal sum(java.util.function.Predicate<Sources.RetailLine> which) {
        return this.lines.stream()
            .filter(which)
            .map(Sources.RetailLine::amount)
            .reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private long invoices(java.util.function.Predicate<Sources.RetailLine> which) {
        Set<String> invoices = new HashSet<>();
        this.lines.stream().filter(which).forEach((l) -> invoices.add(l.invoiceNo()));
        return invoices.size();
    }

}
