package dev.weir.platform.kafka;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Event ids Weir assigns. {@link #next()}: UUID version 7 (RFC 9562), time-ordered to the
 * millisecond, then by a counter within the same millisecond of this JVM, then random.
 * Ids made later in one JVM sort after earlier ones; ids of different JVMs never collide
 * (62 random bits). {@link #of(String...)}: UUID version 5, the same for the same parts,
 * for an event that may be produced again (a page fetched again) and whose repeats a
 * consumer drops by id.
 */
public final class EventIds {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** Milliseconds (upper 48 bits) and a 12-bit sequence, of the last id made. */
    private static final AtomicLong LAST = new AtomicLong();

    private EventIds() {
    }

    /** The namespace of Weir's name-based ids (a version 4 UUID chosen once). */
    static final UUID NAMESPACE = UUID.fromString("5b0f3b6e-6a44-4d2c-9c1e-3f6f1d0a7e21");

    /**
     * An id derived from {@code parts} alone: UUID version 5 (SHA-1, RFC 9562 section
     * 5.5) of the parts, each UTF-8 and ended by a zero byte, in Weir's namespace. The
     * same parts give the same id on every machine; different parts, different ids.
     */
    public static String of(String... parts) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(toBytes(NAMESPACE));
            for (String part : parts) {
                sha1.update(part.getBytes(StandardCharsets.UTF_8));
                sha1.update((byte) 0);
            }
            byte[] hash = sha1.digest();
            hash[6] = (byte) ((hash[6] & 0x0F) | 0x50);
            hash[8] = (byte) ((hash[8] & 0x3F) | 0x80);
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xFF);
                low = (low << 8) | (hash[8 + i] & 0xFF);
            }
            return new UUID(high, low).toString();
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException("SHA-1 is missing from this JDK", ex);
        }
    }

    private static byte[] toBytes(UUID uuid) {
        byte[] bytes = new byte[16];
        for (int i = 0; i < 8; i++) {
            bytes[i] = (byte) (uuid.getMostSignificantBits() >>> (56 - 8 * i));
            bytes[8 + i] = (byte) (uuid.getLeastSignificantBits() >>> (56 - 8 * i));
        }
        return bytes;
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
        long low = (RandomBits.next() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
        return new UUID(high, low);
    }

    /**
     * The random part of {@link #nextUuid()}: the same generator's bits, drawn 64 ids at
     * a time (a pushed batch makes hundreds of ids; one call each cost a digest and a
     * lock apiece).
     */
    private static final class RandomBits {

        private static final long[] BITS = new long[64];

        private static int used = BITS.length;

        private RandomBits() {
        }

        static synchronized long next() {
            if (used == BITS.length) {
                byte[] bytes = new byte[BITS.length * Long.BYTES];
                RANDOM.nextBytes(bytes);
                ByteBuffer.wrap(bytes).asLongBuffer().get(BITS);
                used = 0;
            }
            return BITS[used++];
        }

    }

}
