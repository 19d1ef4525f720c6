package dev.weir.retail.customer;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

@RetailIT
class CustomerApiIT {

    @LocalServerPort
    int port;

    Http http;

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void createsACustomerWith201LocationAndETag() {
        var created = this.http.post("/customer", "{\"customer_id\": \"12345\", \"country\": \"France\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/customer/12345");
        assertThat(created.header("ETag")).matches("\"[0-9a-z]+\"");
        assertThat(created.json().get("customer_id").asString()).isEqualTo("12345");
        assertThat(created.json().get("country").asString()).isEqualTo("France");

        var read = this.http.get("/customer/12345");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.json().propertyNames()).containsExactlyInAnyOrder("customer_id", "country");
        assertThat(read.header("ETag")).isEqualTo(created.header("ETag"));
    }

    @Test
    void readsACustomerIdWrittenAsAFloatAsTheIntegerItIs() {
        var created = this.http.post("/customer", "{\"customer_id\": \"17850.0\", \"country\": \"United Kingdom\"}");
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.header("Location")).isEqualTo("/customer/17850");
        assertThat(this.http.get("/customer/17850.0").json().get("customer_id").asString()).isEqualTo("17850");
    }

    @Test
    void answersADuplicateWith409Problem() {
        this.http.post("/customer", "{\"customer_id\": \"20001\", \"country\": \"Spain\"}");
        var duplicate = this.http.post("/customer", "{\"customer_id\": \"20001\", \"country\": \"Spain\"}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.header("Content-Type")).startsWith("application/problem+json");
        assertThat(duplicate.json().get("type").asString()).isEqualTo("https://weir.dev/problems/already-exists");
        assertThat(duplicate.json().get("customer_id").asString()).isEqualTo("20001");
    }

    @Test
    void answersAMissingCustomerWith404Problem() {
        var missing = this.http.get("/customer/99999999");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
        assertThat(missing.json().get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
        assertThat(missing.json().get("instance").asString()).isEqualTo("/customer/99999999");
    }

    @Test
    void answers304WhenIfNoneMatchCarriesTheCurrentETag() {
        var created = this.http.post("/customer", "{\"customer_id\": \"20002\", \"country\": \"Spain\"}");
        var notModified = this.http.get("/customer/20002", "If-None-Match", created.header("ETag"));
        assertThat(notModified.status()).isEqualTo(304);
        assertThat(notModified.body()).isEmpty();
        var modified = this.http.get("/customer/20002", "If-None-Match", "\"stale\"");
        assertThat(modified.status()).isEqualTo(200);
    }

    @Test
    void rejectsAnInvalidCustomerWith422NamingEveryOffendingField() {
        var invalid = this.http.post("/customer", "{\"customer_id\": \"\", \"country\": \"   \"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("type").asString()).isEqualTo("https://weir.dev/problems/validation");
        List<String> fields = new ArrayList<>();
        invalid.json().get("errors").forEach((error) -> {
            fields.add(error.get("field").asString());
            assertThat(error.get("in").asString()).isEqualTo("body");
        });
        assertThat(fields).contains("customer_id", "country");
    }

    @Test
    void rejectsAnUnknownFieldWith422NamingIt() {
        var invalid = this.http.post("/customer",
                "{\"customer_id\": \"20003\", \"country\": \"Spain\", \"customerId\": \"x\"}");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("customerId");
        assertThat(invalid.json().get("errors").get(0).get("detail").asString()).contains("customer_id");
    }

    @Test
    void rejectsMalformedJsonWith400SayingWhere() {
        var malformed = this.http.post("/customer", "{\"customer_id\": \"1\", ");
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("type").asString()).isEqualTo("https://weir.dev/problems/malformed-request");
        assertThat(malformed.json().get("detail").asString()).contains("line 1");
    }

    @Test
    void rejectsADuplicatedJsonKeyWith400() {
        var duplicated = this.http.post("/customer",
                "{\"customer_id\": \"20004\", \"country\": \"Spain\", \"country\": \"France\"}");
        assertThat(duplicated.status()).isEqualTo(400);
    }

    @Test
    void rejectsAWrongContentTypeWith415() {
        var wrong = this.http.post("/customer", "customer_id=1", "Content-Type", "application/x-www-form-urlencoded");
        assertThat(wrong.status()).isEqualTo(415);
        assertThat(wrong.header("Content-Type")).startsWith("application/problem+json");
        assertThat(wrong.json().get("type").asString()).isEqualTo("https://weir.dev/problems/unsupported-media-type");
    }

    @Test
    void rejectsAnUnsupportedMethodWith405AndAllow() {
        var wrong = this.http.send(java.net.http.HttpRequest.newBuilder(this.http.uri("/customer/1"))
            .method("POST", java.net.http.HttpRequest.BodyPublishers.ofString("{}"))
            .header("Content-Type", "application/json"));
        assertThat(wrong.status()).isEqualTo(405);
        assertThat(wrong.header("Allow")).contains("GET", "PUT", "PATCH", "DELETE");
        assertThat(wrong.json().get("type").asString()).isEqualTo("https://weir.dev/problems/method-not-allowed");
    }

    @Test
    void rejectsAnOversizedBodyWith413() {
        String huge = "{\"customer_id\": \"1\", \"country\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var tooLarge = this.http.post("/customer", huge);
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asString()).isEqualTo("https://weir.dev/problems/payload-too-large");
    }

    /** A client that asks first is refused before it sends the body. */
    @Test
    void rejectsAnOversizedBodyBeforeItIsSentWhenTheClientExpects100Continue() {
        String huge = "{\"customer_id\": \"1\", \"country\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        var tooLarge = this.http.send(java.net.http.HttpRequest.newBuilder(this.http.uri("/customer"))
            .expectContinue(true)
            .header("Content-Type", "application/json")
            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(huge)));
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("type").asString()).isEqualTo("https://weir.dev/problems/payload-too-large");
    }

    @Test
    void rejectsAnOversizedChunkedBodyWith413WhileReadingIt() {
        byte[] huge = ("{\"customer_id\": \"1\", \"country\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}")
            .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        // A publisher of unknown length makes the client send it chunked, without
        // Content-Length.
        var publisher = java.net.http.HttpRequest.BodyPublishers
            .ofInputStream(() -> new java.io.ByteArrayInputStream(huge));
        var tooLarge = this.http.send(java.net.http.HttpRequest.newBuilder(this.http.uri("/customer"))
            .header("Content-Type", "application/json")
            .POST(publisher));
        assertThat(tooLarge.status()).isEqualTo(413);
    }

    @Test
    void changesTheCountryWithPutAndRefusesAStaleIfMatchWith412() {
        var created = this.http.post("/customer", "{\"customer_id\": \"20005\", \"country\": \"Spain\"}");
        var changed = this.http.put("/customer/20005", "{\"country\": \"Portugal\"}", "If-Match",
                created.header("ETag"));
        assertThat(changed.status()).isEqualTo(200);
        assertThat(changed.json().get("country").asString()).isEqualTo("Portugal");
        assertThat(changed.header("ETag")).isNotEqualTo(created.header("ETag"));

        var stale = this.http.put("/customer/20005", "{\"country\": \"Italy\"}", "If-Match", created.header("ETag"));
        assertThat(stale.status()).isEqualTo(412);
        assertThat(this.http.get("/customer/20005").json().get("country").asString()).isEqualTo("Portugal");
    }

    @Test
    void refusesToChangeTheIdWithPut() {
        this.http.post("/customer", "{\"customer_id\": \"20006\", \"country\": \"Spain\"}");
        var renamed = this.http.put("/customer/20006", "{\"customer_id\": \"20007\", \"country\": \"Spain\"}");
        assertThat(renamed.status()).isEqualTo(422);
        assertThat(renamed.json().get("errors").get(0).get("field").asString()).isEqualTo("customer_id");
    }

    @Test
    void patchesWithAMergePatchAndRefusesToRemoveTheCountry() {
        this.http.post("/customer", "{\"customer_id\": \"20008\", \"country\": \"Spain\"}");
        var patched = this.http.patch("/customer/20008", "{\"country\": \"Norway\"}");
        assertThat(patched.status()).isEqualTo(200);
        assertThat(patched.json().get("country").asString()).isEqualTo("Norway");

        var removed = this.http.patch("/customer/20008", "{\"country\": null}");
        assertThat(removed.status()).isEqualTo(422);
        assertThat(removed.json().get("errors").get(0).get("detail").asString()).isEqualTo("cannot be removed");

        var missing = this.http.patch("/customer/424242", "{\"country\": \"Norway\"}");
        assertThat(missing.status()).isEqualTo(404);
    }

    @Test
    void checksIfMatchEvenForAnEmptyMergePatch() {
        var created = this.http.post("/customer", "{\"customer_id\": \"20011\", \"country\": \"Spain\"}");
        this.http.patch("/customer/20011", "{\"country\": \"Chile\"}");
        assertThat(this.http.patch("/customer/20011", "{}", "If-Match", created.header("ETag")).status())
            .isEqualTo(412);
    }

    @Test
    void rejectsABodyThatIsNotAnObjectWith422() {
        var array = this.http.post("/customer", "[]");
        assertThat(array.status()).isEqualTo(422);
        assertThat(array.json().get("errors").get(0).get("detail").asString()).isEqualTo("must be a JSON object");
    }

    @Test
    void answers304ToIfNoneMatchStarForAnExistingCustomer() {
        this.http.post("/customer", "{\"customer_id\": \"20012\", \"country\": \"Spain\"}");
        assertThat(this.http.get("/customer/20012", "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(this.http.get("/customer/20013", "If-None-Match", "*").status()).isEqualTo(404);
    }

    @Test
    void deletesACustomerWithoutInvoicesAndRefusesOneWithInvoicesWith409() {
        this.http.post("/customer", "{\"customer_id\": \"20009\", \"country\": \"Spain\"}");
        assertThat(this.http.delete("/customer/20009").status()).isEqualTo(204);
        assertThat(this.http.get("/customer/20009").status()).isEqualTo(404);

        this.http.post("/customer", "{\"customer_id\": \"20010\", \"country\": \"Spain\"}");
        this.http.post("/customer/20010/invoice",
                "{\"invoice_no\": \"900001\", \"invoice_date\": \"2011-01-02T10:00:00\"}");
        var refused = this.http.delete("/customer/20010");
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("type").asString()).isEqualTo("https://weir.dev/problems/customer-has-invoices");
        assertThat(this.http.get("/customer/20010").status()).isEqualTo(200);
    }

    @Test
    void listsCustomersOfACountryPageByPageFollowingNext() {
        // a country of this test alone: the listing cannot depend on what other tests
        // created before it
        String country = "Iceland " + UUID.randomUUID().toString().replaceAll("[^a-f]", "");
        for (int i = 0; i < 7; i++) {
            assertThat(this.http
                .post("/customer", "{\"customer_id\": \"3000" + i + "\", \"country\": \"" + country + "\"}")
                .status()).isEqualTo(201);
        }
        assertThat(this.http.post("/customer", "{\"customer_id\": \"30100\", \"country\": \"Malta\"}").status())
            .isEqualTo(201);
        List<String> seen = new ArrayList<>();
        String next = "/customer?country=" + URLEncoder.encode(country, StandardCharsets.UTF_8) + "&limit=3";
        int pages = 0;
        while (next != null) {
            var page = this.http.get(next);
            assertThat(page.status()).isEqualTo(200);
            page.json().get("items").forEach((item) -> seen.add(item.get("customer_id").asString()));
            JsonNode link = page.json().get("next");
            next = (link == null || link.isNull()) ? null : link.asString();
            if (next != null) {
                assertThat(page.header("Link")).isEqualTo("<" + next + ">; rel=\"next\"");
            }
            pages++;
        }
        assertThat(pages).isEqualTo(3);
        assertThat(seen).containsExactly("30000", "30001", "30002", "30003", "30004", "30005", "30006");
    }

    @Test
    void rejectsAPageSizeOutOfRangeWith422NamingTheQueryParameter() {
        var invalid = this.http.get("/customer?limit=0");
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
        assertThat(invalid.json().get("errors").get(0).get("in").asString()).isEqualTo("query");

        var notANumber = this.http.get("/customer?limit=ten");
        assertThat(notANumber.status()).isEqualTo(422);
        assertThat(notANumber.json().get("errors").get(0).get("detail").asString()).contains("integer");
    }

}
