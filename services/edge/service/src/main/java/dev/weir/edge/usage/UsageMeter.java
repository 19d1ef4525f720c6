package dev.weir.edge.usage;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Usage per caller: counted in memory on every call (no I/O on the call's path) and added
 * to PostgreSQL every {@code weir.edge.usage.flush-interval}, so the totals are every
 * replica's. What has not been flushed yet is included in {@link #all()}.
 */
@Service
public class UsageMeter {

    private static final Logger log = LoggerFactory.getLogger(UsageMeter.class);

    private final UsageRepository repository;

    private final Clock clock;

    private final ConcurrentHashMap<String, Counts> pending = new ConcurrentHashMap<>();

    UsageMeter(UsageRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
    }

    /** Counts one call of {@code subject} answered with {@code status}. */
    public void record(String subject, int status, long bytesIn, long bytesOut) {
        Counts counts = this.pending.computeIfAbsent(subject, (s) -> new Counts());
        counts.requests.increment();
        if (status == 429) {
            counts.rateLimited.increment();
        }
        if (status >= 400 && status < 500) {
            counts.clientErrors.increment();
        }
        else if (status >= 500) {
            counts.serverErrors.increment();
        }
        counts.bytesIn.add(Math.max(0, bytesIn));
        counts.bytesOut.add(Math.max(0, bytesOut));
        counts.lastSeen = this.clock.instant();
    }

    /** Every caller's totals: flushed and pending. */
    public List<UsageView> all() {
        Map<String, UsageView> totals = new LinkedHashMap<>();
        this.repository.all().forEach((u) -> totals.put(u.subject(), u));
        this.pending.forEach((subject, counts) -> totals.merge(subject, counts.view(subject), UsageMeter::sum));
        return new ArrayList<>(totals.values());
    }

    /** Adds what was counted to PostgreSQL. */
    @Scheduled(fixedDelayString = "${weir.edge.usage.flush-interval:10s}")
    public void flush() {
        for (String subject : List.copyOf(this.pending.keySet())) {
            Counts counts = this.pending.remove(subject);
            if (counts == null) {
                continue;
            }
            UsageView view = counts.view(subject);
            try {
                this.repository.add(subject, view, view.lastSeenAt());
            }
            catch (RuntimeException ex) {
                // keep them for the next flush
                this.pending.merge(subject, counts, Counts::plus);
                log.warn("Could not write usage ({}); will retry", ex.getMessage());
                return;
            }
        }
    }

    private static UsageView sum(UsageView a, UsageView b) {
        Instant last = (a.lastSeenAt() == null || (b.lastSeenAt() != null && b.lastSeenAt().isAfter(a.lastSeenAt())))
                ? b.lastSeenAt() : a.lastSeenAt();
        return new UsageView(a.subject(), a.requests() + b.requests(), a.clientErrors() + b.clientErrors(),
                a.serverErrors() + b.serverErrors(), a.rateLimited() + b.rateLimited(), a.bytesIn() + b.bytesIn(),
                a.bytesOut() + b.bytesOut(), last);
    }

    private static final class Counts {

        final LongAdder requests = new LongAdder();

        final LongAdder clientErrors = new LongAdder();

        final LongAdder serverErrors = new LongAdder();

        final LongAdder rateLimited = new LongAdder();

        final LongAdder bytesIn = new LongAdder();

        final LongAdder bytesOut = new LongAdder();

        volatile Instant lastSeen = Instant.EPOCH;

        UsageView view(String subject) {
            return new UsageView(subject, this.requests.sum(), this.clientErrors.sum(), this.serverErrors.sum(),
                    this.rateLimited.sum(), this.bytesIn.sum(), this.bytesOut.sum(), this.lastSeen);
        }

        Counts plus(Counts other) {
            this.requests.add(other.requests.sum());
            this.clientErrors.add(other.clientErrors.sum());
            this.serverErrors.add(other.serverErrors.sum());
            this.rateLimited.add(other.rateLimited.sum());
            this.bytesIn.add(other.bytesIn.sum());
            this.bytesOut.add(other.bytesOut.sum());
            if (other.lastSeen.isAfter(this.lastSeen)) {
                this.lastSeen = other.lastSeen;
            }
            return this;
        }

    }

}
