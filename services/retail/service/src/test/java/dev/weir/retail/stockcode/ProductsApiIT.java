package dev.weir.retail.stockcode;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.EventLog;
import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestKafka;
import dev.weir.testing.infra.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The products API as the microservices course's client calls it: a plain JSON body
 * {@code {name, description, price}}, the id read from the answer, then the product and
 * the list. Shares its database with the other Retail API tests: names and ids here are
 * used by no other test.
 */
@RetailIT
class ProductsApiIT {

    static EventLog events;

    @LocalServerPort
    int port;

    Http http;

    @BeforeAll
    static void startReadingEvents() {
        events = new EventLog(TestKafka.bootstrapServers());
    }

    @AfterAll
    static void stopReadingEvents() {
        events.close();
    }

    @BeforeEach
    void client() {
        this.http = new Http(this.port);
    }

    @Test
    void createsAProductAsTheCourseClientPostsItThenGetsItAndFindsItInTheList() throws Exception {
        // what the course's client does, with nothing but an HTTP client and a JSON body
        HttpClient client = HttpClient.newHttpClient();
        HttpResponse<String> posted = client.send(HttpRequest.newBuilder(URI.create(base() + "/products"))
            .header("Authorization", TestTokens.bearer("retail.write"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(
                    "{\"name\": \"Course Laptop\", \"description\": \"A laptop for the course\", \"price\": 999.99}"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(posted.statusCode()).isEqualTo(201);
        JsonNode product = JsonMapper.builder().build().readTree(posted.body());
        String id = product.get("id").asString();
        assertThat(id).matches("P[0-9]{6}");
        assertThat(posted.headers().firstValue("Location")).hasValue("/products/" + id);
        assertThat(product.get("name").asString()).isEqualTo("Course Laptop");
        assertThat(product.get("description").asString()).isEqualTo("A laptop for the course");
        assertThat(product.get("price").decimalValue()).isEqualByComparingTo("999.99");

        HttpResponse<String> got = client.send(HttpRequest.newBuilder(URI.create(base() + "/products/" + id))
            .header("Authorization", TestTokens.bearer("retail.read"))
            .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(got.statusCode()).isEqualTo(200);
        assertThat(JsonMapper.builder().build().readTree(got.body())).isEqualTo(product);

        // the same product is the catalogue's stock code
        var code = this.http.get("/stockcode/" + id).json();
        assertThat(code.get("description").asString()).isEqualTo("Course Laptop");
        assertThat(code.get("details").asString()).isEqualTo("A laptop for the course");
        assertThat(code.get("unit_price").decimalValue()).isEqualByComparingTo("999.99");
        assertThat(code.get("kind").asString()).isEqualTo("product");

        var second = this.http.post("/products", "{\"name\": \"Course Mouse\", \"price\": 19}").json();
        assertThat(second.get("description").isNull()).isTrue();
        assertThat(second.get("id").asString()).isGreaterThan(id);

        boolean listed = false;
        String next = "/products?limit=1000";
        while (next != null) {
            var page = this.http.get(next).json();
            for (JsonNode item : page.get("items")) {
                listed |= item.equals(product);
                assertThat(item.has("id") && item.has("name") && item.has("description") && item.has("price")).isTrue();
            }
            next = page.has("next") ? page.get("next").asString() : null;
        }
        assertThat(listed).isTrue();
    }

    @Test
    void listsOnlyProductsInPagesWithANextLink() {
        this.http.post("/stockcode",
                "{\"stock_code\": \"PRODPOST\", \"description\": \"Not a product\", \"kind\": \"postage\"}");
        this.http.post("/products", "{\"id\": \"PRODLIST1\", \"name\": \"List one\", \"price\": 1}");
        this.http.post("/products", "{\"id\": \"PRODLIST2\", \"name\": \"List two\", \"price\": 2}");
        var first = this.http.get("/products?after=PRODLIST&limit=1");
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("items")).hasSize(1);
        assertThat(first.json().get("items").get(0).get("id").asString()).isEqualTo("PRODLIST1");
        assertThat(first.json().get("next").asString()).isEqualTo("/products?limit=1&after=PRODLIST1");
        assertThat(first.header("Link")).isEqualTo("</products?limit=1&after=PRODLIST1>; rel=\"next\"");
        var second = this.http.get(first.json().get("next").asString()).json();
        assertThat(second.get("items").get(0).get("id").asString()).isEqualTo("PRODLIST2");

        assertThat(this.http.get("/products?after=PRODP&limit=1000").body()).doesNotContain("PRODPOST");
        var notAProduct = this.http.get("/products/PRODPOST");
        assertThat(notAProduct.status()).isEqualTo(404);
        assertThat(notAProduct.json().get("type").asString()).isEqualTo("https://weir.dev/problems/not-found");
        assertThat(this.http.get("/products/prodlist1").json().get("id").asString()).isEqualTo("PRODLIST1");
        assertThat(this.http.get("/products?limit=0").status()).isEqualTo(422);
        assertThat(this.http.get("/products?limit=1001").status()).isEqualTo(422);
    }

    @Test
    void refusesADuplicateIdWith409AndBadInputWith422NamingTheField() {
        assertThat(this.http.post("/products", "{\"id\": \"PRODDUP\", \"name\": \"Dup\", \"price\": 1}").status())
            .isEqualTo(201);
        var duplicate = this.http.post("/products", "{\"id\": \"proddup\", \"name\": \"Dup again\", \"price\": 2}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.json().get("type").asString()).isEqualTo("https://weir.dev/problems/already-exists");
        assertThat(duplicate.json().get("id").asString()).isEqualTo("PRODDUP");

        String[][] invalid = { { "{\"price\": 1}", "name" }, { "{\"name\": \" \", \"price\": 1}", "name" },
                { "{\"name\": \"No price\"}", "price" }, { "{\"name\": \"Text price\", \"price\": \"9.99\"}", "price" },
                { "{\"name\": \"Negative\", \"price\": -1}", "price" },
                { "{\"name\": \"Too fine\", \"price\": 0.0001}", "price" }, { "{\"name\": 42, \"price\": 1}", "name" },
                { "{\"name\": \"Bad id\", \"price\": 1, \"id\": \"a b/c\"}", "id" },
                { "{\"name\": \"Unknown\", \"price\": 1, \"colour\": \"red\"}", "colour" },
                { "{\"name\": \"" + "x".repeat(201) + "\", \"price\": 1}", "name" } };
        for (String[] body : invalid) {
            var refused = this.http.post("/products", body[0]);
            assertThat(refused.status()).as(body[0]).isEqualTo(422);
            assertThat(refused.json().get("errors").get(0).get("field").asString()).as(body[0]).isEqualTo(body[1]);
        }
        assertThat(this.http.post("/products", "{\"name\": ").status()).isEqualTo(400);
    }

    @Test
    void publishesACreatedProductAsAStockCodeCreatedEvent() {
        var created = this.http.post("/products",
                "{\"id\": \"PRODEVENT\", \"name\": \"Evented\", \"description\": \"On Kafka\", \"price\": 3.5}");
        assertThat(created.status()).isEqualTo(201);
        var event = events.awaitAbout(1, "PRODEVENT").get(0);
        assertThat(event.type()).isEqualTo("weir.retail.stockcode.created");
        assertThat(event.data().get("description").asString()).isEqualTo("Evented");
        assertThat(event.data().get("details").asString()).isEqualTo("On Kafka");
        assertThat(event.data().get("unit_price").decimalValue()).isEqualByComparingTo("3.5");
    }

    private String base() {
        return "http://localhost:" + this.port;
    }

}
