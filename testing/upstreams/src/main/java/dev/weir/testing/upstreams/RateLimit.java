package dev.weir.testing.upstreams;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The request rate an upstream enforces, answering {@code 429 Too Many Requests} with a
 * {@code Retry-After} to a request above it. A rejected request takes nothing from the
 * allowance.
 * <ul>
 * <li>{@link #perSecond(double) perSecond(r)} / {@link #tokenBucket(double, double)
 * tokenBucket(r, burst)}: a token bucket holding up to {@code burst} tokens, refilled
 * continuously at {@code r} per second and full at the start; each request takes one. A
 * client that keeps to {@code r} requests per second on average, in bursts no larger than
 * {@code burst}, never sees a 429, whatever the jitter of single requests.</li>
 * <li>{@link #slidingWindow(int) slidingWindow(r)}: at most {@code r} requests in any
 * one-second window (a log of the accepted requests' arrival times). Stricter: a client
 * sending exactly {@code r} per second, evenly spaced, sees 429s from arrival jitter
 * alone, so it must aim a little below {@code r}.</li>
 * </ul>
 * The {@code Retry-After} is the time until a request would be accepted, rounded up to
 * whole seconds (at least 1).
 */
public final class RateLimit {

    private static final RateLimit NONE = new RateLimit(Kind.NONE, 0, 0);

    private enum Kind {

        NONE, TOKEN_BUCKET, SLIDING_WINDOW

    }

    private final Kind kind;

    private final double requestsPerSecond;

    private final double burst;

    private RateLimit(Kind kind, double requestsPerSecond, double burst) {
        this.kind = kind;
        this.requestsPerSecond = requestsPerSecond;
        this.burst = burst;
    }

    /** No limit. */
    public static RateLimit none() {
        return NONE;
    }

    /**
     * A token bucket of {@code r} requests per second with one second's worth of burst
     * ({@code max(1, r)}).
     */
    public static RateLimit perSecond(double requestsPerSecond) {
        return tokenBucket(requestsPerSecond, Math.max(1, requestsPerSecond));
    }

    /**
     * A token bucket of {@code r} requests per second holding up to {@code burst} tokens
     * (at least 1).
     */
    public static RateLimit tokenBucket(double requestsPerSecond, double burst) {
        if (!(requestsPerSecond > 0) || burst < 1) {
            throw new IllegalArgumentException(
                    "A token bucket needs a rate > 0 and a burst >= 1, not " + requestsPerSecond + "/" + burst);
        }
        return new RateLimit(Kind.TOKEN_BUCKET, requestsPerSecond, burst);
    }

    /** At most {@code r} requests in any one-second window. */
    public static RateLimit slidingWindow(int requestsPerSecond) {
        if (requestsPerSecond < 1) {
            throw new IllegalArgumentException("A sliding window needs at least 1 request per second");
        }
        return new RateLimit(Kind.SLIDING_WINDOW, requestsPerSecond, requestsPerSecond);
    }

    /** The sustained rate allowed, 0 for no limit. */
    public double requestsPerSecond() {
        return this.requestsPerSecond;
    }

    Limiter newLimiter() {
        return switch (this.kind) {
            case NONE -> (now) -> Duration.ZERO;
            case TOKEN_BUCKET -> new TokenBucket(this.requestsPerSecond, this.burst);
            case SLIDING_WINDOW -> new SlidingWindow((int) this.requestsPerSecond);
        };
    }

    @Override
    public String toString() {
        return switch (this.kind) {
            case NONE -> "no rate limit";
            case TOKEN_BUCKET -> "token bucket " + this.requestsPerSecond + "/s, burst " + this.burst;
            case SLIDING_WINDOW -> "sliding window " + (int) this.requestsPerSecond + " per second";
        };
    }

    /**
     * Admits or refuses one request; state per upstream, shared by all its clients (as a
     * real API's is).
     */
    interface Limiter {

        /**
         * Takes one request's allowance at {@code nanoTime}.
         * @return zero when admitted, else how long until a request would be
         */
        Duration acquire(long nanoTime);

    }

    private static final class TokenBucket implements Limiter {

        private final double perNano;

        private final double capacity;

        private double tokens;

        private long last = Long.MIN_VALUE;

        TokenBucket(double requestsPerSecond, double capacity) {
            this.perNano = requestsPerSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
        }

        @Override
        public synchronized Duration acquire(long now) {
            if (this.last != Long.MIN_VALUE) {
                this.tokens = Math.min(this.capacity, this.tokens + (now - this.last) * this.perNano);
            }
            this.last = now;
            if (this.tokens >= 1) {
                this.tokens -= 1;
                return Duration.ZERO;
            }
            return Duration.ofNanos((long) Math.ceil((1 - this.tokens) / this.perNano));
        }

    }

    private static final class SlidingWindow implements Limiter {

        private static final long SECOND = 1_000_000_000L;

        private final int limit;

        private final ArrayDeque<Long> accepted = new ArrayDeque<>();

        SlidingWindow(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized Duration acquire(long now) {
            while (!this.accepted.isEmpty() && now - this.accepted.peekFirst() >= SECOND) {
                this.accepted.pollFirst();
            }
            if (this.accepted.size() < this.limit) {
                this.accepted.addLast(now);
                return Duration.ZERO;
            }
            return Duration.ofNanos(this.accepted.peekFirst() + SECOND - now);
        }

    }

}
