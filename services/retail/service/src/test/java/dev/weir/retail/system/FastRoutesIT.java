package dev.weir.retail.system;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.weir.retail.support.RetailIT;
import dev.weir.testing.infra.Http;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fast GET routes answer exactly what the full stack answers. A query string makes a
 * request take the full stack (the controllers ignore unknown parameters), so the two can
 * be compared.
 */
@RetailIT
class FastRoutesIT {

    @LocalServerPort
    int port;

    @Autowired
    DataSource dataSource;

    Http http;

    @BeforeEach
    void data() {
        this.http = new Http(this.port);
        this.http.post("/customer", "{\"customer_id\": \"71001\", \"country\": \"Brazil\"}");
        this.http.post("/stockcode",
                "{\"stock_code\": \"FR001\", \"description\": \"FAST ROUTE MUG\", \"unit_price\": 3.5}");
        this.http.post("/customer/71001/invoice",
                "{\"invoice_no\": \"771001\", \"invoice_date\": \"2011-05-01T10:00:00\"}");
        this.http.post("/invoice/771001/FR001", "{\"quantity\": 4}");
    }

    @Test
    void answersCustomersInvoicesAndStockCodesExactlyAsTheFullStackDoes() {
        for (String path : List.of("/customer/71001", "/customer/71001.0", "/invoice/771001", "/stockcode/FR001",
                "/stockcode/fr001")) {
            var fast = this.http.get(path);
            var full = this.http.get(path + "?via=full-stack");
            assertThat(fast.status()).as(path).isEqualTo(200);
            assertThat(fast.body()).as(path).isEqualTo(full.body());
            assertThat(fast.header("ETag")).as(path).isEqualTo(full.header("ETag"));
            assertThat(fast.header("Content-Type")).as(path).isEqualTo(full.header("Content-Type"));
        }
    }

    @Test
    void answers304ForTheCurrentETagAndStarAnd200ForAStaleOne() {
        String etag = this.http.get("/invoice/771001").header("ETag");
        assertThat(this.http.get("/invoice/771001", "If-None-Match", etag).status()).isEqualTo(304);
        assertThat(this.http.get("/invoice/771001", "If-None-Match", "\"x\", " + etag).status()).isEqualTo(304);
        assertThat(this.http.get("/invoice/771001", "If-None-Match", "*").status()).isEqualTo(304);
        assertThat(this.http.get("/invoice/771001", "If-None-Match", "\"stale\"").status()).isEqualTo(200);
    }

    @Test
    void answersMissingThingsWithTheFullStacksProblemWithoutPassingThemOn() {
        for (String path : List.of("/customer/no-such-customer", "/customer/00", "/invoice/999999999",
                "/stockcode/NO-SUCH-CODE")) {
            double passedBefore = passedOn();
            var fast = this.http.get(path);
            // one more: the metrics request that reads it
            assertThat(passedOn()).as(path).isEqualTo(passedBefore + 1);
            var full = this.http.get(path + "?via=full-stack");
            assertThat(fast.status()).as(path).isEqualTo(404);
            assertThat(fast.header("Content-Type")).as(path).startsWith("application/problem+json");
            assertThat(fast.json()).as(path).isEqualTo(full.json());
            assertThat(fast.json().get("instance").asString()).as(path).isEqualTo(path);
        }
    }

    @Test
    void leavesMissingThingsAndUnacceptableTypesToTheFullStack() {
        var missing = this.http.get("/customer/no-such-customer");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.header("Content-Type")).startsWith("application/problem+json");

        var xml = this.http.get("/customer/71001", "Accept", "application/xml");
        assertThat(xml.status()).isEqualTo(406);

        assertThat(this.http.get("/customer/71001", "Accept", "application/json;q=0.9, */*;q=0.1").status())
            .isEqualTo(200);
        assertThat(this.http.get("/stockcode/NO%20SUCH%20CODE").status()).isEqualTo(404);
    }

    @Test
    void countsWhatItAnswersAndWhatItPassesOn() {
        this.http.get("/customer/71001");
        var answered = this.http.get("/metrics/weir.fast.routes?tag=outcome:answered").json();
        assertThat(answered.get("measurements").get(0).get("value").asDouble()).isGreaterThanOrEqualTo(1.0);
    }

    private double passedOn() {
        return this.http.get("/metrics/weir.fast.routes?tag=outcome:passed")
            .json()
            .get("measurements")
            .get(0)
            .get("value")
            .asDouble();
    }

    /**
     * A fast route's query runs on a worker, never on the I/O thread that reads the
     * requests: with the customer table locked, a customer read waits, and reads of other
     * things, on other connections, are answered meanwhile.
     */
    @Test
    void answersOtherRequestsWhileAFastRoutesQueryWaitsForTheDatabase() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        try (Connection locker = this.dataSource.getConnection()) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE retail.customer IN ACCESS EXCLUSIVE MODE");
            }
            CompletableFuture<HttpResponse<String>> waiting = client
                .sendAsync(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/customer/71001"))
                    .header("Authorization", TestTokens.bearer())
                    .build(), HttpResponse.BodyHandlers.ofString());
            // the query is waiting for the lock (not merely not sent yet, as a sleep
            // would leave it)
            await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> queriesWaitingForALock() > 0);
            assertThat(waiting).isNotDone();
            for (int i = 0; i < 4; i++) {
                // a new connection each time: each is read by the next I/O thread in turn
                HttpClient other = HttpClient.newHttpClient();
                var stockCode = other
                    .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/stockcode/FR001"))
                        .header("Authorization", TestTokens.bearer())
                        .timeout(Duration.ofSeconds(5))
                        .build(), HttpResponse.BodyHandlers.ofString());
                assertThat(stockCode.statusCode()).isEqualTo(200);
                other.close();
            }
            assertThat(waiting).isNotDone();
            locker.rollback();
            assertThat(waiting.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        }
        finally {
            client.close();
        }
    }

    /**
     * Queries of other sessions waiting for a lock (a fresh snapshot: own connection, no
     * transaction).
     */
    private long queriesWaitingForALock() throws java.sql.SQLException {
        try (Connection watcher = this.dataSource.getConnection();
                Statement query = watcher.createStatement();
                java.sql.ResultSet rows = query.executeQuery(
                        "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()")) {
            rows.next();
            return rows.getLong(1);
        }
    }

}
