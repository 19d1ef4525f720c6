package dev.weir.retail.stockcode;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Shares its database with the other Retail API tests: every test uses codes and words no
 * other test does.
 */
@RetailIT
class StockCodeApiIT {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void addsACodeAndFindsItWhateverItsCase() {
        var created = this.http.post("/stockcode",
                "{\"stock_code\": \"85123a\", \"description\": \"WHITE HANGING HEART T-LIGHT HOLDER\", \"unit_price\": 2.55}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/stockcode/85123A");
        assertThat(created.json().get("stock_code").asString()).isEqualTo("85123A");
        assertThat(created.json().get("kind").asString()).isEqualTo("product");
        assertThat(created.json().get("unit_price").decimalValue()).isEqualByComparingTo("2.55");

        var read = this.http.get("/stockcode/85123a");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().get("description").asString()).isEqualTo("WHITE HANGING HEART T-LIGHT HOLDER");
    }

    @Test
    void givesNonProductCodesTheirKindAndAnEncodedLocation() {
        var postage = this.http.post("/stockcode", "{\"stock_code\": \"DOT\", \"description\": \"DOTCOM POSTAGE\"}");
        assertThat(postage.json().get("kind").asString()).isEqualTo("postage");
        var charges = this.http.post("/stockcode",
                "{\"stock_code\": \"BANK CHARGES\", \"description\": \"Bank Charges\"}");
        assertThat(charges.status()).isEqualTo(201);
        assertThat(charges.json().get("kind").asString()).isEqualTo("bank_charges");
        assertThat(charges.header("Location")).isEqualTo("/stockcode/BANK%20CHARGES");
        assertThat(this.http.get("/stockcode/BANK%20CHARGES").status()).isEqualTo(200);
    }

    @Test
    void rejectsADuplicateCodeWith409AndAnInvalidPriceWith422() {
        this.http.post("/stockcode",
                "{\"stock_code\": \"22752\", \"description\": \"SET 7 BABUSHKA NESTING BOXES\", \"unit_price\": 7.65}");
        assertThat(this.http.post("/stockcode", "{\"stock_code\": \"22752\"}").status()).isEqualTo(409);

        var invalid = this.http.post("/stockcode", "{\"stock_code\": \"22753\", \"unit_price\": -1.2345}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("unit_price");

        var badKind = this.http.post("/stockcode", "{\"stock_code\": \"22754\", \"kind\": \"gadget\"}");
        assertThat(badKind.status()).isEqualTo(422);
        assertThat(badKind.json().get("errors").get(0).get("field").asString()).isEqualTo("kind");
        assertThat(badKind.json().get("errors").get(0).get("detail").asString()).contains("product", "postage");
    }

    @Test
    void replacesAnEntryWithPutHonouringIfMatch() {
        var created = this.http.post("/stockcode",
                "{\"stock_code\": \"21730\", \"description\": \"GLASS STAR FROSTED T-LIGHT HOLDER\", \"unit_price\": 4.25}");
        var replaced = this.http.put("/stockcode/21730",
                "{\"description\": \"GLASS STAR FROSTED T-LIGHT HOLDER\", \"unit_price\": 4.95}", "If-Match",
                created.header("ETag"));
        assertThat(replaced.status()).isEqualTo(200);
        assertThat(replaced.json().get("unit_price").decimalValue()).isEqualByComparingTo("4.95");
        var stale = this.http.put("/stockcode/21730", "{\"unit_price\": 1}", "If-Match", created.header("ETag"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(this.http.put("/stockcode/NOPE1", "{\"unit_price\": 1}").status()).isEqualTo(404);
    }

    @Test
    void searchesDescriptionsCaseInsensitivelyPageByPage() {
        String[][] codes = { { "H1", "RED ZEBRAHEART DOORSTOP" }, { "H2", "zebraheart of wicker small" },
                { "H3", "SWEETZEBRAHEART CAKE STAND" }, { "X1", "PARTY BUNTING" } };
        for (String[] code : codes) {
            this.http.post("/stockcode", "{\"stock_code\": \"" + code[0] + "\", \"description\": \"" + code[1] + "\"}");
        }
        List<String> found = new ArrayList<>();
        var first = this.http.get("/stockcode?q=ZebraHeart&limit=2");
        first.json().get("items").forEach((item) -> found.add(item.get("stock_code").asString()));
        var second = this.http.get(first.json().get("next").asString());
        second.json().get("items").forEach((item) -> found.add(item.get("stock_code").asString()));
        assertThat(found).containsExactly("H1", "H2", "H3");
        assertThat(second.json().get("next")).isNull();
    }

}
