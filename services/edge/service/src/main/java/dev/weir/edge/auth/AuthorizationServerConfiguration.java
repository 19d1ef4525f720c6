package dev.weir.edge.auth;

import java.io.IOException;
import java.util.List;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.WebSecurityCustomizer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.security.oauth2.server.authorization.OAuth2AuthorizationService;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.firewall.StrictHttpFirewall;

import dev.weir.edge.system.EdgeProblems;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Secrets;

/**
 * Spring Security's OAuth2 authorization server, for the {@code client_credentials} grant
 * only: {@code POST /oauth2/token}, {@code GET /oauth2/jwks} and the metadata at
 * {@code /.well-known/oauth-authorization-server}. Tokens are RS256 JWTs signed with the
 * edge's active key, with {@code sub = client:<id>}, {@code aud} and the granted scopes
 * as a space-separated {@code scope}. Only these endpoints pass Spring Security's filter
 * chain; the rest of the edge authenticates in {@code EdgeGate}.
 * <p>
 * Tokens are self-contained and not stored: nothing keeps a copy of each one issued
 * (there is no introspection or revocation of single tokens; they are short-lived, and a
 * disabled client gets no new ones).
 */
@Configuration(proxyBeanMethods = false)
class AuthorizationServerConfiguration {

    @Bean
    @Order(1)
    SecurityFilterChain authorizationServer(HttpSecurity http) throws Exception {
        OAuthProblems problems = new OAuthProblems();
        http.oauth2AuthorizationServer((server) -> {
            http.securityMatcher(server.getEndpointsMatcher());
            server.tokenEndpoint((token) -> token.errorResponseHandler(problems))
                .clientAuthentication((client) -> client.errorResponseHandler(problems));
        });
        http.authorizeHttpRequests((requests) -> requests.anyRequest().authenticated())
            .sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .exceptionHandling((exceptions) -> exceptions.authenticationEntryPoint(problems))
            .csrf((csrf) -> csrf.disable());
        return http.build();
    }

    /**
     * Requests Spring Security's firewall refuses (encoded slashes, dot segments, ...):
     * 400 as a problem, not an error page.
     */
    @Bean
    WebSecurityCustomizer weirRejectedRequests() {
        // Spring Security's firewall sees every call through the edge: its path rules
        // stay,
        // but header names and values are checked with a loop instead of its Unicode
        // regular
        // expressions, which cost a fifth of the edge's CPU on each routed call (a JWT is
        // several hundred characters, and the gateway reads the headers more than once)
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(AuthorizationServerConfiguration::noControlCharacters);
        firewall.setAllowedHeaderValues(AuthorizationServerConfiguration::noControlCharacters);
        firewall.setAllowedParameterNames(AuthorizationServerConfiguration::noControlCharacters);
        return (web) -> web.httpFirewall(firewall).requestRejectedHandler((request, response, ex) -> {
            try {
                EdgeProblems.write(response, EdgeProblems.of(400, "malformed-request", "Malformed request path",
                        "The path is not accepted: " + ex.getMessage()));
            }
            catch (IOException io) {
                throw new java.io.UncheckedIOException(io);
            }
        });
    }

    /**
     * No control character but the tab, and no unassigned code point: the firewall's
     * rule.
     */
    static boolean noControlCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7f) {
                return false;
            }
            if (c >= 0x80 && (Character.isISOControl(c) || !Character.isDefined(c))) {
                return false;
            }
        }
        return true;
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(EdgeProperties properties) {
        return AuthorizationServerSettings.builder().issuer(properties.issuer()).build();
    }

    @Bean
    JWKSource<SecurityContext> jwkSource(EdgeTokens tokens) {
        return tokens.jwkSource();
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> weirClaims(EdgeProperties properties) {
        return (context) -> {
            if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                // no scope asked for: every scope the client may have
                java.util.Set<String> scopes = context.getAuthorizedScopes().isEmpty()
                        ? context.getRegisteredClient().getScopes() : context.getAuthorizedScopes();
                context.getClaims()
                    .subject("client:" + context.getRegisteredClient().getClientId())
                    .audience(List.of(properties.audience()))
                    .claim("scope", String.join(" ", scopes.stream().sorted().toList()));
            }
        };
    }

    /** Client secrets are random 256-bit strings: SHA-256, compared in constant time. */
    @Bean
    PasswordEncoder clientSecretEncoder() {
        return new PasswordEncoder() {

            @Override
            public String encode(CharSequence raw) {
                return java.util.HexFormat.of().formatHex(Secrets.hash(raw.toString()));
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return raw != null && encoded != null
                        && Secrets.matches(raw.toString(), java.util.HexFormat.of().parseHex(encoded));
            }

        };
    }

    /** Issued tokens are not kept: they are self-contained JWTs. */
    @Bean
    OAuth2AuthorizationService authorizationService() {
        return new OAuth2AuthorizationService() {

            @Override
            public void save(OAuth2Authorization authorization) {
            }

            @Override
            public void remove(OAuth2Authorization authorization) {
            }

            @Override
            public OAuth2Authorization findById(String id) {
                return null;
            }

            @Override
            public OAuth2Authorization findByToken(String token, OAuth2TokenType tokenType) {
                return null;
            }

        };
    }

}
