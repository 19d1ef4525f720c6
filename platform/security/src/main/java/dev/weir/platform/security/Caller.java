package dev.weir.platform.security;

import java.time.Instant;
import java.util.Set;

/**
 * Who a valid token says the caller is.
 *
 * @param subject the token's {@code sub}: {@code client:<id>} or {@code key:<prefix>}
 * @param scopes the scopes it grants
 * @param expiresAt when it stops being valid
 */
public record Caller(String subject, Set<String> scopes, Instant expiresAt) {
}
