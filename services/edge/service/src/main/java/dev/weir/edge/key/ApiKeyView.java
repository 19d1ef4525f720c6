package dev.weir.edge.key;

import java.time.Instant;
import java.util.List;

/**
 * An API key as the admin API shows it: never the key, only its prefix.
 *
 * @param id the key's id (its prefix)
 * @param name what it is for, for people
 * @param prefix how the key starts, to tell keys apart
 * @param scopes what it grants
 * @param limit its rate limit, or null for the default
 * @param createdAt when it was created
 * @param revokedAt when it was revoked, or null
 */
public record ApiKeyView(String id, String name, String prefix, List<String> scopes, String limit, Instant createdAt,
        Instant revokedAt) {
}
