package dev.weir.edge.route;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast proxy path takes only paths nothing could read two ways; the rest goes to the
 * servlet stack, whose firewall answers them.
 */
class EdgeProxyTest {

    @ParameterizedTest
    @ValueSource(strings = { "/customer/17850", "/invoice/C536379/85123A", "/stockcode/POST", "/events/streams",
            "/lake/rides/date=2026-12-01/x.parquet", "/customer" })
    void takesPlainPaths(String path) {
        assertThat(EdgeProxy.plain(path)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "customer/1", "/customer/a%2Fb", "/customer/%2e%2e/admin", "/customer/../admin",
            "/customer/./1", "/customer/..", "/customer/.", "//customer/1", "/customer//1", "/customer/a;b",
            "/customer/a\\b", "/customer/a b", "/stockcode/BANK%20CHARGES", "/customer/é", "/customer/a\u0001b" })
    void leavesEveryOtherPathToTheServletStack(String path) {
        assertThat(EdgeProxy.plain(path)).isFalse();
    }

}
