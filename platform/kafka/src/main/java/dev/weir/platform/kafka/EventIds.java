package dev.weir.platform.kafka;

import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids Weir assigns: UUID version 7 (RFC 9562), time-ordered to the millisecond,
 * then by a counter within the same millisecond of this JVM, then random. Ids made later
 * in one JVM sort after earlier ones; ids of different JVMs never collide (62 random
 * bits).
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Milliseconds (upper 48 bits) and a 12-bit sequence, of the last id made. */
    private static final AtomicLong LAST = new AtomicLong();

    private EventIds() {
    }

    /** A new id, e.g. {@code 0193a1f2-6c3e-7a01-8f2b-3c4d5e6f7a8b}. */
    public static String next() {
        return nextUuid().toString();
    }

    /** A new id as a UUID. */
    public static UUID nextUuid() {
        long stamp = LAST.updateAndGet((last) -> {
            long now = System.currentTimeMillis() << 12;
            // the same (or an earlier: clock stepped back) millisecond: count on
            return (now > last) ? now : last + 1;
        });
        long millis = stamp >>> 12;
        long sequence = stamp & 0xFFF;
        long high = (millis << 16) | 0x7000L | sequence;
        long low = (RANDOM.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

}
