package dev.weir.edge.auth;

import java.time.Instant;

/**
 * A signing key as the admin API shows it (never its private part).
 *
 * @param kid its key id, in the header of every token it signs
 * @param state {@code published} (not signing yet), {@code active}, {@code retiring}
 * (replaced, published until its tokens expire) or {@code retired}
 * @param createdAt when it was published
 * @param activatesAt from when it signs
 */
public record SigningKeyView(String kid, String state, Instant createdAt, Instant activatesAt) {
}
