package dev.weir.retail.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.function.Function;

/**
 * Looks up rows by key, running concurrent lookups as one query
 * ({@code WHERE key = ANY(?)}).
 * <p>
 * At most {@code concurrency} queries run at once. A caller queues its lookup and, if a
 * query slot is free, runs the query for every lookup queued (up to a maximum): itself,
 * or on an executor it names when it must not block (a server's I/O thread, which then
 * only queues lookups while a worker queries); otherwise a slot holder takes the lookup
 * into its next query. Nothing waits for company: a lone lookup runs at once as a query
 * of its own, and under load the batches grow by themselves, which cuts the database's
 * per-statement work (parse, plan, round trip, executor start) and the threads'
 * hand-offs. Each query reads committed data as of when it runs, after the caller asked:
 * the answer is as fresh as a query of its own would be.
 * <p>
 * Why no lookup is left behind: a caller queues before it tries for a slot, and a slot
 * holder looks at the queue again after giving its slot back. If the caller found no
 * slot, some holder gave its slot back after that, so that holder sees the lookup.
 *
 * @param <K> the key
 * @param <V> the row
 */
public final class CoalescingLookup<K, V> implements AutoCloseable {

    private final Function<List<K>, Map<K, V>> query;

    private final int maxBatch;

    private final Semaphore slots;

    private final ConcurrentLinkedQueue<Lookup<K, V>> waiting = new ConcurrentLinkedQueue<>();

    private volatile boolean closed;

    /**
     * @param query finds the rows of the given keys; keys without a row are absent from
     * the map
     * @param concurrency how many queries may run at once
     * @param maxBatch the most keys one query asks for
     */
    public CoalescingLookup(Function<List<K>, Map<K, V>> query, int concurrency, int maxBatch) {
        this.query = query;
        this.maxBatch = maxBatch;
        this.slots = new Semaphore(concurrency);
    }

    /** The row with this key, if there is one. Rethrows what the query threw. */
    public Optional<V> get(K key) {
        try {
            return lookup(key).get();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while looking up " + key, ex);
        }
        catch (ExecutionException ex) {
            if (ex.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(ex.getCause());
        }
    }

    /**
     * The row with this key, when the query that reads it has run. If a query has to
     * start for it, it runs here, on the caller's thread; otherwise the future completes
     * on another caller's thread (the one whose query read it), so what depends on it
     * should be short: write an answer, do not block.
     */
    public CompletableFuture<Optional<V>> lookup(K key) {
        return lookup(key, Runnable::run);
    }

    /**
     * {@link #lookup(Object)} for a caller that must not block (a server's I/O thread): a
     * query that has to start for this lookup runs on {@code executor}, and the lookups
     * queued meanwhile go into it. The caller only queues its lookup and, at most, hands
     * one task to the executor.
     */
    public CompletableFuture<Optional<V>> lookup(K key, Executor executor) {
        if (this.closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        Lookup<K, V> lookup = new Lookup<>(key, new CompletableFuture<>());
        this.waiting.add(lookup);
        if (this.slots.tryAcquire()) {
            try {
                executor.execute(this::queryThenDrain);
            }
            catch (RejectedExecutionException ex) {
                // a stopping pool: the query runs here rather than never
                queryThenDrain();
            }
        }
        return lookup.result;
    }

    /** How many lookups wait for a query. */
    int waiting() {
        return this.waiting.size();
    }

    /** With a slot held: one query, then more while lookups wait and a slot is free. */
    private void queryThenDrain() {
        query();
        while (!this.waiting.isEmpty() && this.slots.tryAcquire()) {
            query();
        }
    }

    /**
     * One query for the lookups queued (up to the maximum), with a slot held; gives the
     * slot back and answers them.
     */
    private void query() {
        List<Lookup<K, V>> batch = new ArrayList<>(Math.min(this.maxBatch, 64));
        Map<K, V> found = null;
        Throwable failure = null;
        try {
            Lookup<K, V> next;
            while (batch.size() < this.maxBatch && (next = this.waiting.poll()) != null) {
                batch.add(next);
            }
            if (!batch.isEmpty()) {
                List<K> keys = new ArrayList<>(batch.size());
                for (Lookup<K, V> lookup : batch) {
                    keys.add(lookup.key);
                }
                found = this.query.apply(keys);
            }
        }
        catch (Throwable ex) {
            failure = ex;
        }
        finally {
            // The slot goes back before the answers are written, so the next query can
            // start meanwhile.
            this.slots.release();
        }
        for (Lookup<K, V> lookup : batch) {
            // Runs what waits on the lookup here; a failure of theirs goes to their own
            // stage, not ours.
            if (failure != null) {
                lookup.result.completeExceptionally(failure);
            }
            else {
                lookup.result.complete(Optional.ofNullable(found.get(lookup.key)));
            }
        }
    }

    /** Refuses new lookups and fails those still queued. */
    @Override
    public void close() {
        this.closed = true;
        IllegalStateException closed = new IllegalStateException("closed");
        Lookup<K, V> left;
        while ((left = this.waiting.poll()) != null) {
            left.result.completeExceptionally(closed);
        }
    }

    private record Lookup<K, V>(K key, CompletableFuture<Optional<V>> result) {
    }

}
