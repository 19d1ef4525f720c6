package dev.weir.platform.security;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.grpc.Metadata;
import org.junit.jupiter.api.Test;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;
import dev.weir.platform.web.spi.RequestGuard;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The edge's token check as platform/web's request guard and platform/grpc's call guard:
 * refusals are the kinds every transport maps (401, 403, gRPC UNAUTHENTICATED and
 * PERMISSION_DENIED) with their own problem types and the Bearer challenge; a path is
 * decoded before its rule is looked up, and an ambiguous one is refused.
 */
class JwtRequestGuardTest {

    private static final WeirSecurityProperties PROPERTIES = new WeirSecurityProperties(
            WeirSecurityProperties.Mode.ENFORCE, TestTokens.ISSUER, TestTokens.AUDIENCE, TestTokens.jwksUri(), "",
            Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30), "admin", List.of("/health"),
            List.of("grpc.health.v1.Health/*"), List.of(new WeirSecurityProperties.Operation("retail.read",
                    List.of("GET,HEAD /customer/**"), List.of("retail.v1.Customers/Get*"))),
            new WeirSecurityProperties.ServiceClient("", "", "", ""));

    private final Guard guard = new Guard(new AccessPolicy(PROPERTIES), TokenVerifier.forKeySet(PROPERTIES, null));

    private final JwtRequestGuard http = new JwtRequestGuard(this.guard);

    private final JwtCallGuard grpc = new JwtCallGuard(this.guard);

    @Test
    void letsThroughATokenWithTheScopeAndWhatIsOpen() {
        assertThat(this.http.check(request("GET", "/customer/17850", TestTokens.bearer("retail.read")))).isEmpty();
        assertThat(this.http.check(request("GET", "/health", null))).isEmpty();
        assertThat(this.grpc.check("grpc.health.v1.Health/Check", new Metadata())).isEmpty();
    }

    @Test
    void refusesWithoutATokenAs401WithABearerChallenge() {
        RequestGuard.Refusal refusal = this.http.check(request("GET", "/customer/17850", null)).orElseThrow();
        assertThat(refusal.problem().kind()).isEqualTo(ErrorKind.UNAUTHENTICATED);
        assertThat(refusal.problem().type()).isEqualTo("unauthenticated");
        assertThat(refusal.headers()).containsEntry("WWW-Authenticate", "Bearer realm=\"weir\"");
        assertThat(this.grpc.check("retail.v1.Customers/GetCustomer", new Metadata()).orElseThrow().kind())
            .isEqualTo(ErrorKind.UNAUTHENTICATED);
    }

    @Test
    void refusesAForgedTokenAs401InvalidTokenAndAMissingScopeAs403() {
        String forged = TestTokens.bearer("retail.read") + "x";
        RequestGuard.Refusal invalid = this.http.check(request("GET", "/customer/17850", forged)).orElseThrow();
        assertThat(invalid.problem().type()).isEqualTo("invalid-token");
        assertThat(invalid.headers().get("WWW-Authenticate")).contains("error=\"invalid_token\"");
        assertThat(invalid.problem().detail()).doesNotContain(forged.substring(7));

        RequestGuard.Refusal scope = this.http.check(request("POST", "/customer", TestTokens.bearer("retail.read")))
            .orElseThrow();
        assertThat(scope.problem().kind()).isEqualTo(ErrorKind.FORBIDDEN);
        assertThat(scope.problem().type()).isEqualTo("insufficient-scope");
        Metadata metadata = new Metadata();
        metadata.put(JwtCallGuard.AUTHORIZATION, TestTokens.bearer("retail.write"));
        WeirException denied = this.grpc.check("retail.v1.Customers/GetCustomer", metadata).orElseThrow();
        assertThat(denied.kind()).isEqualTo(ErrorKind.FORBIDDEN);
    }

    @Test
    void decodesThePathBeforeLookingUpItsRuleAndRefusesAnAmbiguousOne() {
        // an encoded letter is the letter: the rule for /customer/** applies
        assertThat(this.http.check(request("GET", "/%63ustomer/1", TestTokens.bearer("retail.write")))).isPresent();
        assertThat(this.http.check(request("GET", "/%63ustomer/1", TestTokens.bearer("retail.read")))).isEmpty();
        for (String path : new String[] { "/health/..%2Fcustomer/1", "/health/%2e%2e/customer/1", "/health/../x",
                "/customer/%2F", "/customer/%zz", "/customer/%C3", "/health;x=1/../customer", "relative" }) {
            Optional<RequestGuard.Refusal> refusal = this.http.check(request("GET", path, null));
            assertThat(refusal).as(path).isPresent();
            assertThat(refusal.get().problem().kind()).as(path).isEqualTo(ErrorKind.MALFORMED);
        }
        assertThat(JwtRequestGuard.normalised("/customer/caf%C3%A9")).isEqualTo("/customer/café");
    }

    private static RequestGuard.Request request(String method, String path, String authorization) {
        Map<String, String> headers = (authorization != null) ? Map.of("authorization", authorization) : Map.of();
        return new RequestGuard.Request() {

            @Override
            public String method() {
                return method;
            }

            @Override
            public String path() {
                return path;
            }

            @Override
            public String header(String name) {
                return headers.get(name.toLowerCase(java.util.Locale.ROOT));
            }

        };
    }

}
