package dev.weir.analytics.system;

import java.time.Duration;
import java.time.Instant;

/**
 * An answer with what a client needs to cache it: its entity tag, when the data behind it
 * last changed, and how long it may be reused without asking again.
 *
 * @param value the answer
 * @param etag its entity tag (quoted)
 * @param lastModified when its data last changed, or null when unknown
 * @param maxAge how long a client may reuse it ({@code Cache-Control: max-age})
 */
public record Fresh<T>(T value, String etag, Instant lastModified, Duration maxAge) {
}
