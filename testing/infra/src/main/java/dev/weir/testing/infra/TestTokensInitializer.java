package dev.weir.testing.infra;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * Points a Spring test context's token check ({@code weir.security.*}) at
 * {@link TestTokens}: its issuer, audience and key set.
 */
public class TestTokensInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-tokens", properties()));
    }

    /** The properties, for a service a test starts itself. */
    public static Map<String, Object> properties() {
        // and the token the service calls other services with (ServiceToken): every scope
        return Map.of("weir.security.issuer", TestTokens.ISSUER, "weir.security.audience", TestTokens.AUDIENCE,
                "weir.security.jwks-uri", TestTokens.jwksUri(), "weir.security.service-client.token",
                TestTokens.token());
    }

}
