package dev.weir.edge.limit;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.BucketProxy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.distributed.proxy.BucketNotFoundException;
import io.github.bucket4j.distributed.proxy.optimization.DelayParameters;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

import dev.weir.edge.system.EdgeProperties;

/**
 * A token bucket per caller (API key or client), its state in PostgreSQL
 * ({@code edge.rate_bucket}, Bucket4j's PostgreSQL integration) so that a limit holds
 * across every edge replica. Each replica counts up to
 * {@code weir.edge.limits.max-unsynced} calls (or for {@code max-unsynced-time}) locally
 * before it writes the bucket back, which keeps PostgreSQL off the path of almost every
 * call; a caller may then exceed its limit by at most that many calls per replica.
 * Buckets are per caller, so one caller's flood never empties another's.
 */
@Service
public class RateLimiter {

    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    private static final int REMEMBERED = 100_000;

    private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

    private final EdgeProperties.Limits limits;

    private final ConcurrentHashMap<String, BucketProxy> local = new ConcurrentHashMap<>();

    RateLimiter(DataSource dataSource, EdgeProperties properties) {
        this.limits = properties.limits();
        this.buckets = Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
            .primaryKeyMapper(PrimaryKeyMapper.STRING)
            .table("edge.rate_bucket")
            .expirationAfterWrite(
                    ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofMinutes(5)))
            .build();
    }

    /**
     * Takes one call from {@code subject}'s bucket for {@code plan}.
     * @throws StoreUnavailable when the buckets' table cannot be read or written
     */
    public Decision consume(String subject, RatePlan plan) {
        String key = key(subject, plan);
        BucketProxy bucket = this.local.get(key);
        if (bucket == null) {
            if (this.local.size() >= REMEMBERED) {
                this.local.clear();
            }
            bucket = this.local.computeIfAbsent(key, (k) -> bucket(k, plan));
        }
        ConsumptionProbe probe;
        try {
            probe = bucket.tryConsumeAndReturnRemaining(1);
        }
        catch (RuntimeException ex) {
            if (!bucketMissing(ex)) {
                throw new StoreUnavailable(ex);
            }
            // Its row is not there: removed while the caller was idle, or not written
            // yet when a new caller's first calls, batched together by the optimisation,
            // arrived at once (Bucket4j 8.x then fails the whole batch instead of making
            // the bucket). Made by a call without the optimisation, which creates a
            // missing bucket; the next calls count locally again.
            this.local.remove(key, bucket);
            try {
                probe = plain(key, plan).tryConsumeAndReturnRemaining(1);
            }
            catch (RuntimeException again) {
                throw new StoreUnavailable(again);
            }
        }
        long reset = seconds(probe.getNanosToWaitForReset());
        if (probe.isConsumed()) {
            return new Decision(true, plan.requests(), probe.getRemainingTokens(), reset, 0);
        }
        return new Decision(false, plan.requests(), 0, reset, Math.max(1, seconds(probe.getNanosToWaitForRefill())));
    }

    private static boolean bucketMissing(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BucketNotFoundException) {
                return true;
            }
        }
        return false;
    }

    private static BucketConfiguration configuration(RatePlan plan) {
        return BucketConfiguration.builder()
            .addLimit(
                    Bandwidth.builder().capacity(plan.requests()).refillGreedy(plan.requests(), plan.period()).build())
            .build();
    }

    private BucketProxy bucket(String key, RatePlan plan) {
        // never more unsynced calls than a tenth of the limit, so small limits stay exact
        long unsynced = Math.min(this.limits.maxUnsynced(), plan.requests() / 10);
        if (unsynced <= 0) {
            return plain(key, plan);
        }
        BucketConfiguration configuration = configuration(plan);
        return this.buckets.builder()
            .withOptimization(Optimizations.delaying(new DelayParameters(unsynced, this.limits.maxUnsyncedTime())))
            .build(key, () -> configuration);
    }

    /** The bucket without local counting: every call reads and writes its row. */
    private BucketProxy plain(String key, RatePlan plan) {
        BucketConfiguration configuration = configuration(plan);
        return this.buckets.builder().build(key, () -> configuration);
    }

    /** Deletes the buckets that have been full for a while: their callers went quiet. */
    @Scheduled(fixedDelay = 1, timeUnit = TimeUnit.MINUTES)
    void removeExpired() {
        int removed;
        int total = 0;
        do {
            removed = this.buckets.removeExpired(1000);
            total += removed;
        }
        while (removed == 1000);
        if (total > 0) {
            log.debug("Removed {} idle rate-limit buckets", total);
        }
    }

    private static String key(String subject, RatePlan plan) {
        return subject + "|" + plan;
    }

    private static long seconds(long nanos) {
        return (nanos + 999_999_999L) / 1_000_000_000L;
    }

    /**
     * The buckets' table (PostgreSQL) cannot be read or written: the call is answered
     * {@code 503} with {@code Retry-After}, as any other call that needs the database.
     */
    public static final class StoreUnavailable extends RuntimeException {

        StoreUnavailable(Throwable cause) {
            super("The rate limits' store cannot be reached: " + cause.getMessage(), cause);
        }

    }

    /**
     * The answer for one call.
     *
     * @param allowed whether it may go on
     * @param limit the plan's requests per period ({@code RateLimit-Limit})
     * @param remaining calls left in the bucket now ({@code RateLimit-Remaining})
     * @param resetSeconds seconds until the bucket is full again
     * ({@code RateLimit-Reset})
     * @param retryAfterSeconds seconds until the next call may go on, when refused
     * ({@code Retry-After})
     */
    public record Decision(boolean allowed, long limit, long remaining, long resetSeconds, long retryAfterSeconds) {
    }

}
