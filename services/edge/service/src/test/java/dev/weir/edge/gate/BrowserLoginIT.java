package dev.weir.edge.gate;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.weir.edge.support.EdgeStack;
import dev.weir.testing.infra.Http;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A browser's login: a page opened without credentials leads to the form, the key given
 * there is kept in an HttpOnly, SameSite=Strict cookie, which reads through the edge and
 * never writes; a wrong key, or a next page on another site, gets nowhere.
 */
class BrowserLoginIT {

    private final EdgeStack stack = EdgeStack.get();

    private final Http edge = this.stack.edge();

    @Test
    void aPageOpenedWithoutCredentialsLeadsToTheLoginFormAndBack() {
        Http.Response page = this.edge.get("/customer/92501?x=1", "Accept", "text/html,application/xhtml+xml");
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.header("Location"))
            .isEqualTo("/login?next=" + URLEncoder.encode("/customer/92501?x=1", StandardCharsets.UTF_8));
        Http.Response form = this.edge.get(page.header("Location"));
        assertThat(form.status()).isEqualTo(200);
        assertThat(form.header("Content-Type")).startsWith("text/html");
        assertThat(form.body()).contains("<form method=\"post\" action=\"/login\">",
                "name=\"next\" value=\"/customer/92501?x=1\"");
        // a script (no text/html) still gets the problem
        assertThat(this.edge.get("/customer/92501").status()).isEqualTo(401);
    }

    @Test
    void theKeyGivenInTheFormIsKeptInACookieThatReadsButNeverWrites() {
        String key = this.stack.key("browser", null, "retail.read", "retail.write");
        Http.Response login = this.edge.form("/login",
                "api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8) + "&next=%2Fcustomer%2F92502");
        assertThat(login.status()).isEqualTo(303);
        assertThat(login.header("Location")).isEqualTo("/customer/92502");
        String setCookie = login.header("Set-Cookie");
        assertThat(setCookie).startsWith("weir_key=").contains("HttpOnly", "SameSite=Strict", "Path=/");
        String cookie = setCookie.split(";", 2)[0];

        Http.Response read = this.edge.get("/customer/92502", "Cookie", cookie);
        assertThat(read.status()).as(read.body()).isEqualTo(404);
        assertThat(read.problem()).isEqualTo("not-found");
        Http.Response write = this.edge.post("/customer", "{\"customer_id\": \"92502\", \"country\": \"Chad\"}",
                "Cookie", cookie);
        assertThat(write.status()).as("a cookie never writes").isEqualTo(401);
        assertThat(this.edge.get("/customer/92502", "X-API-Key", key).status()).isEqualTo(404);

        Http.Response logout = this.edge.form("/logout", "", "Cookie", cookie);
        assertThat(logout.status()).isEqualTo(303);
        assertThat(logout.header("Set-Cookie")).startsWith("weir_key=;").contains("Max-Age=0");
    }

    @Test
    void aWrongKeyGetsTheFormAgainAndTheNextPageIsAlwaysOfThisSite() {
        Http.Response wrong = this.edge.form("/login", "api_key=wk_not-a-key&next=%2Fcustomer%2F1");
        assertThat(wrong.status()).isEqualTo(303);
        assertThat(wrong.header("Location")).startsWith("/login?failed=1");
        assertThat(wrong.header("Set-Cookie")).isNull();
        assertThat(this.edge.get(wrong.header("Location")).body()).contains("That key is unknown or revoked");

        String key = this.stack.key("browser-next", null, "retail.read");
        for (String next : new String[] { "https://evil.example/", "//evil.example/", "/\\evil.example" }) {
            Http.Response login = this.edge.form("/login", "api_key=" + URLEncoder.encode(key, StandardCharsets.UTF_8)
                    + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
            assertThat(login.header("Location")).as(next).isEqualTo("/dashboard");
        }
        assertThat(this.edge.get("/customer/1", "Cookie", "weir_key=wk_revoked-or-unknown").status()).isEqualTo(401);
    }

}
