package dev.weir.testing.upstreams;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * What an upstream was asked and answered: requests in all, per status, per URL, 429s,
 * and rates. URLs are counted in a canonical form (path lower case, query parameters
 * sorted), so a page fetched twice shows as one URL with two fetches whatever the
 * parameter order. Thread-safe; {@link #reset()} starts again from zero.
 * <p>
 * A request is <em>served</em> when it got a {@code 200} with its whole, well-formed body
 * (not a truncated or malformed one): counting served requests per URL tells pages
 * fetched twice from retries of failed fetches.
 */
public final class Counters {

    /**
     * Status recorded for a request answered with a connection reset instead of an HTTP
     * response.
     */
    public static final int NO_RESPONSE = 0;

    private static final long SECOND = 1_000_000_000L;

    private final Map<String, UrlCount> perUrl = new ConcurrentHashMap<>();

    private final Map<Integer, AtomicLong> perStatus = new ConcurrentHashMap<>();

    private final ArrayDeque<Long> lastSecond = new ArrayDeque<>();

    private long requests;

    private long firstNanos;

    private long lastNanos;

    private Instant firstAt;

    private Instant lastAt;

    private long notLimited;

    private long firstNotLimitedNanos;

    private long lastNotLimitedNanos;

    private int peakPerSecond;

    private final LongSupplier ticker;

    Counters(LongSupplier ticker) {
        this.ticker = ticker;
    }

    /**
     * Counts an arriving request; returns its fetch number for its URL (1 for the first).
     */
    long arrived(String canonicalUrl, long nanoTime, Instant now) {
        synchronized (this) {
            if (this.requests++ == 0) {
                this.firstNanos = nanoTime;
                this.firstAt = now;
            }
            this.lastNanos = nanoTime;
            this.lastAt = now;
            this.lastSecond.addLast(nanoTime);
            trim(nanoTime);
            this.peakPerSecond = Math.max(this.peakPerSecond, this.lastSecond.size());
        }
        UrlCount count = this.perUrl.computeIfAbsent(canonicalUrl, (url) -> new UrlCount());
        count.arrivals.add(now);
        return count.requests.incrementAndGet();
    }

    /** Counts the answer to a request counted by {@link #arrived}. */
    void answered(String canonicalUrl, long nanoTime, int status, boolean served) {
        this.perStatus.computeIfAbsent(status, (key) -> new AtomicLong()).incrementAndGet();
        if (served) {
            this.perUrl.computeIfAbsent(canonicalUrl, (url) -> new UrlCount()).served.incrementAndGet();
        }
        if (status != 429) {
            synchronized (this) {
                if (this.notLimited++ == 0) {
                    this.firstNotLimitedNanos = nanoTime;
                }
                this.lastNotLimitedNanos = nanoTime;
            }
        }
    }

    private void trim(long now) {
        while (!this.lastSecond.isEmpty() && now - this.lastSecond.peekFirst() >= SECOND) {
            this.lastSecond.pollFirst();
        }
    }

    /** Requests in all. */
    public synchronized long requests() {
        return this.requests;
    }

    /**
     * Requests answered with this status ({@link #NO_RESPONSE} for connection resets).
     */
    public long answered(int status) {
        AtomicLong count = this.perStatus.get(status);
        return (count != null) ? count.get() : 0;
    }

    /** The 429s answered, by the rate limit and by scripted faults. */
    public long tooManyRequests() {
        return answered(429);
    }

    /** Requests for this URL (path and query, in any parameter order). */
    public long requestsTo(String pathAndQuery) {
        UrlCount count = this.perUrl.get(UpstreamRequest.canonicalUrl(pathAndQuery));
        return (count != null) ? count.requests.get() : 0;
    }

    /** Requests for this URL that were served (a 200 with its whole body). */
    public long servedTo(String pathAndQuery) {
        UrlCount count = this.perUrl.get(UpstreamRequest.canonicalUrl(pathAndQuery));
        return (count != null) ? count.served.get() : 0;
    }

    /**
     * When each request for this URL (path and query, in any parameter order) arrived, in
     * order of arrival: the gaps a client left between its attempts, a
     * {@code Retry-After} honoured or not.
     */
    public List<Instant> arrivals(String pathAndQuery) {
        UrlCount count = this.perUrl.get(UpstreamRequest.canonicalUrl(pathAndQuery));
        return (count != null) ? count.arrivals.stream().sorted().toList() : List.of();
    }

    /** The URLs served more than once: pages fetched again. */
    public List<String> servedMoreThanOnce() {
        return this.perUrl.entrySet()
            .stream()
            .filter((entry) -> entry.getValue().served.get() > 1)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    }

    /** Requests that arrived in the last second. */
    public synchronized int observedRate() {
        trim(this.ticker.getAsLong());
        return this.lastSecond.size();
    }

    /** The most requests that arrived within one second. */
    public synchronized int peakRate() {
        return this.peakPerSecond;
    }

    /**
     * Requests per second from the first request to the last: {@code (n - 1) / span}, 0
     * below two requests.
     */
    public synchronized double meanRate() {
        return rate(this.requests, this.firstNanos, this.lastNanos);
    }

    /**
     * Like {@link #meanRate()}, over the requests not refused with a 429: the rate the
     * client achieved.
     */
    public synchronized double achievedRate() {
        return rate(this.notLimited, this.firstNotLimitedNanos, this.lastNotLimitedNanos);
    }

    private static double rate(long count, long first, long last) {
        return (count < 2 || last == first) ? 0 : (count - 1) * 1e9 / (last - first);
    }

    /** Starts counting again from zero. */
    public synchronized void reset() {
        this.perUrl.clear();
        this.perStatus.clear();
        this.lastSecond.clear();
        this.requests = 0;
        this.notLimited = 0;
        this.peakPerSecond = 0;
        this.firstAt = null;
        this.lastAt = null;
    }

    /**
     * Everything at once, as the standalone upstream's {@code GET /__admin/weir/counters}
     * answers it.
     */
    public synchronized Snapshot snapshot() {
        Map<String, Long> byStatus = new TreeMap<>();
        this.perStatus.forEach((status, count) -> byStatus
            .put((status == NO_RESPONSE) ? "connection_reset" : Integer.toString(status), count.get()));
        Map<String, UrlView> urls = new TreeMap<>();
        this.perUrl.forEach((url, count) -> urls.put(url, new UrlView(count.requests.get(), count.served.get())));
        List<String> twice = urls.entrySet()
            .stream()
            .filter((entry) -> entry.getValue().served() > 1)
            .map(Map.Entry::getKey)
            .sorted(Comparator.naturalOrder())
            .toList();
        trim(this.ticker.getAsLong());
        return new Snapshot(this.requests, byStatus, tooManyRequests(), this.firstAt, this.lastAt, meanRate(),
                achievedRate(), this.lastSecond.size(), this.peakPerSecond, urls.size(), twice, urls);
    }

    /**
     * The counters at one moment.
     *
     * @param requests requests in all
     * @param byStatus answers per status ({@code connection_reset} for resets)
     * @param tooManyRequests 429s answered
     * @param firstRequestAt when the first request arrived, or {@code null}
     * @param lastRequestAt when the last request arrived, or {@code null}
     * @param meanRate requests per second from the first to the last
     * @param achievedRate the same over the requests not answered 429
     * @param observedRate requests in the last second
     * @param peakRate the most requests within one second
     * @param urls distinct URLs asked for
     * @param servedMoreThanOnce URLs served more than once (pages fetched again)
     * @param perUrl requests and served answers per URL
     */
    public record Snapshot(long requests, Map<String, Long> byStatus, long tooManyRequests, Instant firstRequestAt,
            Instant lastRequestAt, double meanRate, double achievedRate, int observedRate, int peakRate, int urls,
            List<String> servedMoreThanOnce, Map<String, UrlView> perUrl) {
    }

    /**
     * One URL's counts.
     *
     * @param requests requests for it
     * @param served of which served (a 200 with the whole body)
     */
    public record UrlView(long requests, long served) {
    }

    private static final class UrlCount {

        final AtomicLong requests = new AtomicLong();

        final AtomicLong served = new AtomicLong();

        final Queue<Instant> arrivals = new ConcurrentLinkedQueue<>();

    }

}
