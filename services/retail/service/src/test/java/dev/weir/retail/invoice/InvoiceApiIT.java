package dev.weir.retail.invoice;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

@RetailIT
class InvoiceApiIT {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    private void customer(String id) {
        this.http.post("/customer", "{\"customer_id\": \"" + id + "\", \"country\": \"United Kingdom\"}");
    }

    private void stockCode(String code, String description, String price) {
        this.http.post("/stockcode", "{\"stock_code\": \"" + code + "\", \"description\": \"" + description
                + "\", \"unit_price\": " + price + "}");
    }

    @Test
    void createsAnInvoiceForACustomerWithALinkToTheCustomer() {
        customer("13047");
        var created = this.http.post("/customer/13047/invoice",
                "{\"invoice_no\": \"536367\", \"invoice_date\": \"2010-12-01T08:34:00\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/invoice/536367");
        assertThat(created.json().get("customer").get("url").asString()).isEqualTo("/customer/13047");
        assertThat(created.json().get("kind").asString()).isEqualTo("sale");
        assertThat(created.json().get("invoice_date").asString()).isEqualTo("2010-12-01T08:34:00");
        assertThat(created.json().get("lines")).isEmpty();

        assertThat(this.http
            .post("/customer/13047/invoice", "{\"invoice_no\": \"536367\", \"invoice_date\": \"2010-12-01T08:34:00\"}")
            .status()).isEqualTo(409);
    }

    @Test
    void refusesAnInvoiceForAMissingCustomerWith404() {
        var missing = this.http.post("/customer/424242/invoice",
                "{\"invoice_no\": \"536368\", \"invoice_date\": \"2010-12-01T08:34:00\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.json().get("customer_id").asString()).isEqualTo("424242");
    }

    @Test
    void rejectsAnUnreadableDateWith422NamingTheField() {
        customer("13048");
        var invalid = this.http.post("/customer/13048/invoice",
                "{\"invoice_no\": \"536369\", \"invoice_date\": \"12/1/2010 8:26\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("invoice_date");
        assertThat(invalid.json().get("errors").get(0).get("detail").asString()).contains("ISO-8601");
    }

    @Test
    void listsACustomersInvoicesAsLinksKeyedById() {
        customer("13049");
        this.http.post("/customer/13049/invoice",
                "{\"invoice_no\": \"536371\", \"invoice_date\": \"2010-12-01T09:00:00\"}");
        this.http.post("/customer/13049/invoice",
                "{\"invoice_no\": \"C536370\", \"invoice_date\": \"2010-12-01T09:01:00\"}");
        var list = this.http.get("/customer/13049/invoice");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().get("id_536371").asString()).isEqualTo("/invoice/536371");
        assertThat(list.json().get("id_C536370").asString()).isEqualTo("/invoice/C536370");
        assertThat(this.http.get("/customer/55555/invoice").status()).isEqualTo(404);
    }

    @Test
    void addsLinesAtTheCataloguePriceUnlessGivenAndRefusesTheSameCodeTwice() {
        customer("13050");
        stockCode("71053", "WHITE METAL LANTERN", "3.39");
        stockCode("84406B", "CREAM CUPID HEARTS COAT HANGER", "2.75");
        var invoice = this.http.post("/customer/13050/invoice",
                "{\"invoice_no\": \"536372\", \"invoice_date\": \"2010-12-01T09:01:00\"}");

        var first = this.http.post("/invoice/536372/71053", "{\"quantity\": 6}");
        assertThat(first.status()).isEqualTo(201);
        assertThat(first.header("Location")).isEqualTo("/invoice/536372/71053");
        assertThat(first.json().get("unit_price").decimalValue()).isEqualByComparingTo("3.39");
        assertThat(first.json().get("description").asString()).isEqualTo("WHITE METAL LANTERN");
        assertThat(first.json().get("line_no").asInt()).isEqualTo(1);

        var second = this.http.post("/invoice/536372/84406b", "{\"quantity\": 8, \"unit_price\": 2.5}");
        assertThat(second.json().get("stock_code").asString()).isEqualTo("84406B");
        assertThat(second.json().get("unit_price").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(second.json().get("line_no").asInt()).isEqualTo(2);

        assertThat(this.http.post("/invoice/536372/71053", "{\"quantity\": 1}").status()).isEqualTo(409);

        var read = this.http.get("/invoice/536372");
        assertThat(read.json().get("lines")).hasSize(2);
        assertThat(read.json().get("lines").get(1).get("stock_code").asString()).isEqualTo("84406B");
        assertThat(read.header("ETag")).isNotEqualTo(invoice.header("ETag"));
        assertThat(this.http.get("/invoice/536372", "If-None-Match", read.header("ETag")).status()).isEqualTo(304);

        var line = this.http.get("/invoice/536372/84406B");
        assertThat(line.status()).isEqualTo(200);
        assertThat(line.json().get("quantity").asInt()).isEqualTo(8);
        assertThat(line.json().get("invoice").get("url").asString()).isEqualTo("/invoice/536372");
    }

    @Test
    void keepsTheInvoicesDescriptionAndPriceWhenTheCatalogueChanges() {
        customer("13051");
        stockCode("22633", "HAND WARMER UNION JACK", "1.85");
        this.http.post("/customer/13051/invoice",
                "{\"invoice_no\": \"536373\", \"invoice_date\": \"2010-12-01T09:02:00\"}");
        this.http.post("/invoice/536373/22633", "{\"quantity\": 6}");
        var changed = this.http.put("/stockcode/22633",
                "{\"description\": \"HAND WARMER UK FLAG\", \"unit_price\": 2.10}");
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        var catalogue = this.http.get("/stockcode/22633").json();
        assertThat(catalogue.get("description").asString()).as("the catalogue changed")
            .isEqualTo("HAND WARMER UK FLAG");
        assertThat(catalogue.get("unit_price").decimalValue()).isEqualByComparingTo("2.10");
        var line = this.http.get("/invoice/536373/22633").json();
        assertThat(line.get("description").asString()).isEqualTo("HAND WARMER UNION JACK");
        assertThat(line.get("unit_price").decimalValue()).isEqualByComparingTo("1.85");
    }

    @Test
    void answersMissingInvoicesLinesAndCodesWith404AndZeroOrPositiveCancellationQuantitiesWith422() {
        customer("13052");
        stockCode("22727", "ALARM CLOCK BAKELIKE RED", "3.75");
        this.http.post("/customer/13052/invoice",
                "{\"invoice_no\": \"C536379\", \"invoice_date\": \"2010-12-01T09:41:00\"}");
        assertThat(this.http.get("/invoice/999999").status()).isEqualTo(404);
        assertThat(this.http.get("/invoice/C536379/22727").status()).isEqualTo(404);
        assertThat(this.http.post("/invoice/C536379/NOSUCH", "{\"quantity\": -1}").status()).isEqualTo(404);
        assertThat(this.http.post("/invoice/999999/22727", "{\"quantity\": 1}").status()).isEqualTo(404);

        var positive = this.http.post("/invoice/C536379/22727", "{\"quantity\": 2}");
        assertThat(positive.status()).isEqualTo(422);
        assertThat(positive.json().get("errors").get(0).get("field").asString()).isEqualTo("quantity");
        assertThat(this.http.post("/invoice/C536379/22727", "{\"quantity\": 0}").status()).isEqualTo(422);
        var cancelled = this.http.post("/invoice/C536379/22727", "{\"quantity\": -2}");
        assertThat(cancelled.status()).isEqualTo(201);
        assertThat(this.http.get("/invoice/C536379").json().get("kind").asString()).isEqualTo("cancellation");
    }

    @Test
    void rejectsAQuantityOutOfRangeWith422NamingTheField() {
        customer("13054");
        stockCode("21931", "JUMBO STORAGE BAG SUKI", "1.95");
        this.http.post("/customer/13054/invoice",
                "{\"invoice_no\": \"536375\", \"invoice_date\": \"2011-01-01T00:00:00\"}");
        var huge = this.http.post("/invoice/536375/21931", "{\"quantity\": 99999999999}");
        assertThat(huge.status()).isEqualTo(422);
        assertThat(huge.json().get("errors").get(0).get("field").asString()).isEqualTo("quantity");
        assertThat(huge.json().get("errors").get(0).get("detail").asString()).contains("out of range");
    }

    @Test
    void acceptsTheCourseClientsIntegerInvoiceNumberAndPlainDateAsMidnightOnTheShopsClock() {
        customer("13060");
        var created = this.http.post("/customer/13060/invoice",
                "{\"invoice_no\": 536365, \"invoice_date\": \"2021-01-05\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/invoice/536365");
        assertThat(created.json().get("invoice_no").isString()).isTrue();
        assertThat(created.json().get("invoice_no").asString()).isEqualTo("536365");
        assertThat(created.json().get("invoice_date").asString()).isEqualTo("2021-01-05T00:00:00");
        assertThat(this.http.get("/invoice/536365").json().get("invoice_date").asString())
            .isEqualTo("2021-01-05T00:00:00");
    }

    @Test
    void acceptsADateTimeWithAnOffsetAsThatInstantOnTheShopsClockInLondon() {
        customer("13061");
        var summer = this.http.post("/customer/13061/invoice",
                "{\"invoice_no\": \"536901\", \"invoice_date\": \"2021-07-05T10:00:00+02:00\"}");
        assertThat(summer.status()).isEqualTo(201);
        assertThat(summer.json().get("invoice_date").asString()).isEqualTo("2021-07-05T09:00:00");
        var winter = this.http.post("/customer/13061/invoice",
                "{\"invoice_no\": \"536902\", \"invoice_date\": \"2021-01-05T10:00:00Z\"}");
        assertThat(winter.json().get("invoice_date").asString()).isEqualTo("2021-01-05T10:00:00");
        var minutes = this.http.post("/customer/13061/invoice",
                "{\"invoice_no\": \"536903\", \"invoice_date\": \"2021-01-05T10:30\"}");
        assertThat(minutes.json().get("invoice_date").asString()).isEqualTo("2021-01-05T10:30:00");
    }

    @Test
    void refusesOtherTypesForTheInvoiceNumberAndImpossibleDatesWith422NamingTheField() {
        customer("13062");
        for (String number : new String[] { "536365.5", "true", "-5", "[1]", "{}", "1e5" }) {
            var refused = this.http.post("/customer/13062/invoice",
                    "{\"invoice_no\": " + number + ", \"invoice_date\": \"2021-01-05\"}");
            assertThat(refused.status()).as(number).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).as(number).isEqualTo("invoice_no");
        }
        for (String date : new String[] { "\"2021-02-30\"", "20210105", "\"2021-01-05T25:00\"", "\"2021-01-05 10:00\"",
                "\"2021-01-05T10:00:00[Europe/Paris]\"" }) {
            var refused = this.http.post("/customer/13062/invoice",
                    "{\"invoice_no\": \"536904\", \"invoice_date\": " + date + "}");
            assertThat(refused.status()).as(date).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).as(date).isEqualTo("invoice_date");
            assertThat(refused.json().get("errors").get(0).get("detail").asString()).as(date).contains("ISO-8601");
        }
        assertThat(this.http.get("/invoice/536904").status()).isEqualTo(404);
        // the integer is taken for the invoice number only: other string fields stay
        // strict
        var customerNumber = this.http.post("/customer", "{\"customer_id\": 354504, \"country\": \"Iceland\"}");
        assertThat(customerNumber.status()).isEqualTo(422);
        assertThat(customerNumber.json().get("errors").get(0).get("field").asString()).isEqualTo("customer_id");
    }

    @Test
    void writesPricesAsPlainNumbersWithoutPaddingZeros() {
        customer("13055");
        stockCode("22112", "CHOCOLATE HOT WATER BOTTLE", "4.950");
        this.http.post("/customer/13055/invoice",
                "{\"invoice_no\": \"536376\", \"invoice_date\": \"2011-01-01T00:00:00\"}");
        this.http.post("/invoice/536376/22112", "{\"quantity\": 3, \"unit_price\": 18}");
        assertThat(this.http.get("/stockcode/22112").body()).contains("\"unit_price\":4.95,");
        assertThat(this.http.get("/invoice/536376/22112").body()).contains("\"unit_price\":18,");
    }

    @Test
    void requiresAPriceForACodeWithoutCataloguePrice() {
        customer("13053");
        this.http.post("/stockcode", "{\"stock_code\": \"POST\", \"description\": \"POSTAGE\"}");
        this.http.post("/customer/13053/invoice",
                "{\"invoice_no\": \"536374\", \"invoice_date\": \"2010-12-01T09:02:00\"}");
        var missing = this.http.post("/invoice/536374/POST", "{\"quantity\": 1}");
        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.json().get("errors").get(0).get("field").asString()).isEqualTo("unit_price");
        assertThat(this.http.post("/invoice/536374/POST", "{\"quantity\": 1, \"unit_price\": 18}").status())
            .isEqualTo(201);
    }

}
