package dev.weir.edge.usage;

import java.time.Instant;

/**
 * One caller's calls through the edge.
 *
 * @param subject {@code key:<id>} or {@code client:<id>}
 * @param requests calls
 * @param clientErrors calls answered 4xx (429 included)
 * @param serverErrors calls answered 5xx
 * @param rateLimited calls refused with 429
 * @param bytesIn request body bytes
 * @param bytesOut response body bytes
 * @param lastSeenAt the last call
 */
public record UsageView(String subject, long requests, long clientErrors, long serverErrors, long rateLimited,
        long bytesIn, long bytesOut, Instant lastSeenAt) {
}
