package dev.weir.platform.web;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JSON bodies are bound without coercing one type into another and without strings that
 * cannot be stored as given: each is a 422 naming the field.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.main.banner-mode=off")
class StrictJsonIT {

    private static final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a number for a string           | {"name": 354504, "count": 1, "price": 1.5, "active": true}   | name
            a zero for a string             | {"name": 0, "count": 1, "price": 1.5, "active": true}        | name
            a boolean for a string          | {"name": true, "count": 1, "price": 1.5, "active": true}     | name
            a string for an integer         | {"name": "a", "count": "6", "price": 1.5, "active": true}    | count
            an empty string for a decimal   | {"name": "a", "count": 1, "price": "", "active": true}       | price
            a string for a decimal          | {"name": "a", "count": 1, "price": "1.5", "active": true}    | price
            a string for a boolean          | {"name": "a", "count": 1, "price": 1.5, "active": "true"}    | active
            a NUL character in a string     | {"name": "a\\u0000b", "count": 1, "price": 1.5, "active": true} | name
            a lone high surrogate           | {"name": "a\\ud800", "count": 1, "price": 1.5, "active": true}  | name
            a lone low surrogate            | {"name": "\\udc00b", "count": 1, "price": 1.5, "active": true}  | name
            """)
    void refusesWith422NamingTheField(String what, String body, String field) throws Exception {
        HttpResponse<String> answer = post(body);

        assertThat(answer.statusCode()).isEqualTo(422);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(answer.body()).contains("\"type\":\"https://weir.dev/problems/validation\"")
            .contains("\"field\":\"" + field + "\"");
    }

    @Test
    void takesWellTypedValuesAndAPairedSurrogate() throws Exception {
        HttpResponse<String> answer = post(
                "{\"name\": \"bike \\ud83d\\udeb2\", \"count\": 6, \"price\": 1.5, \"active\": false}");

        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.body()).isEqualTo("bike \uD83D\uDEB2 x6 at 1.5 false");
    }

    private HttpResponse<String> post(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/orders"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(), HttpResponse.BodyHandlers.ofString());
    }

    record Order(String name, int count, BigDecimal price, boolean active) {
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration(exclude = DataSourceAutoConfiguration.class)
    @RestController
    static class Orders {

        @PostMapping("/orders")
        String create(@RequestBody Order order) {
            return order.name() + " x" + order.count() + " at " + order.price() + " " + order.active();
        }

    }

}
