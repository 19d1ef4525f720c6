package dev.weir.edge.client;

import java.time.Instant;
import java.util.List;

/**
 * An OAuth2 client as the admin API shows it (never its secret).
 *
 * @param clientId the id it authenticates with
 * @param name what it is, for people
 * @param scopes what it may be granted
 * @param limit its rate limit, or null for the default
 * @param createdAt when it was registered
 * @param disabledAt when it was disabled, or null
 */
public record ClientView(String clientId, String name, List<String> scopes, String limit, Instant createdAt,
        Instant disabledAt) {
}
