package dev.weir.edge.gate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a login sends the browser next: a path of this site that a {@code Location}
 * header carries as it is, else the dashboard.
 */
class BrowserLoginTest {

    @ParameterizedTest
    @ValueSource(strings = { "/dashboard", "/analytics/retail/revenue/monthly?from=2011-01", "/docs#x" })
    void keepsAPathOfThisSite(String next) {
        assertThat(BrowserLogin.local(next)).isEqualTo(next);
    }

    @ParameterizedTest
    @ValueSource(strings = { "https://evil.example/", "//evil.example/", "/\\evil.example", "dashboard", "/ x", "/\"",
            "/%zz", "/a\u0000b", "/<script>", "" })
    void sendsAnythingElseToTheDashboard(String next) {
        assertThat(BrowserLogin.local(next)).isEqualTo("/dashboard");
    }

}
