package dev.weir.edge.gate;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The {@code X-Request-Id} of a call through the edge: the client's own when it is a sane
 * one (letters, digits and {@code ._:-}, at most 128), else a new random (version 4)
 * UUID.
 * <p>
 * New ids come from {@link ThreadLocalRandom}, not {@link UUID#randomUUID()}: an id
 * correlates log lines and guards nothing, and {@code randomUUID}'s {@code SecureRandom}
 * reads {@code /dev/urandom} under a lock, a system call every other request on the
 * edge's busiest path.
 */
public final class RequestIds {

    /** The header a call's id travels in, both ways. */
    public static final String HEADER = "X-Request-Id";

    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestIds() {
    }

    /** {@code presented} if it is a sane id, else a new one. */
    public static String of(String presented) {
        return (presented != null && SANE.matcher(presented).matches()) ? presented : next();
    }

    /** A new id: a random UUID (version 4, variant 2). */
    static String next() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = (random.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
        long low = (random.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
        return new UUID(high, low).toString();
    }

}
