package dev.weir.retail.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Function;

/**
 * Looks up rows by key, running concurrent lookups as one query
 * ({@code WHERE key = ANY(?)}).
 * <p>
 * A few drainer threads each take every lookup waiting (up to a maximum) and run one
 * query for all of them. Nothing waits for company: an idle drainer takes a lone lookup
 * at once, so at low load each lookup is one query as before, and under load the batches
 * grow by themselves, which cuts the database's per-statement work (parse, plan, round
 * trip, executor start) for every caller. Each query reads committed data as of when it
 * runs, after the caller asked: the answer is as fresh as a query of its own would be.
 *
 * @param <K> the key
 * @param <V> the row
 */
public final class CoalescingLookup<K, V> implements AutoCloseable {

    private final Function<List<K>, Map<K, V>> query;

    private final int maxBatch;

    private final LinkedBlockingQueue<Lookup<K, V>> waiting = new LinkedBlockingQueue<>();

    private final List<Thread> drainers = new ArrayList<>();

    private volatile boolean closed;

    /**
     * @param query finds the rows of the given keys; keys without a row are absent from
     * the map
     * @param drainers how many queries may run at once
     * @param maxBatch the most keys one query asks for
     */
    public CoalescingLookup(Function<List<K>, Map<K, V>> query, int drainers, int maxBatch) {
        this(query, drainers, maxBatch, "lookup");
    }

    public CoalescingLookup(Function<List<K>, Map<K, V>> query, int drainers, int maxBatch, String name) {
        this.query = query;
        this.maxBatch = maxBatch;
        for (int i = 0; i < drainers; i++) {
            Thread drainer = Thread.ofPlatform().daemon().name(name + "-" + i).unstarted(this::drain);
            this.drainers.add(drainer);
            drainer.start();
        }
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
     * The row with this key, when the query that reads it has run. The future completes
     * on the drainer thread that ran the query, so what depends on it should be short
     * (write an answer, not block).
     */
    public CompletableFuture<Optional<V>> lookup(K key) {
        if (this.closed) {
            return CompletableFuture.failedFuture(new IllegalStateException("closed"));
        }
        Lookup<K, V> lookup = new Lookup<>(key);
        this.waiting.add(lookup);
        return lookup.result;
    }

    /** How many lookups wait for a drainer. */
    int waiting() {
        return this.waiting.size();
    }

    private void drain() {
        List<Lookup<K, V>> batch = new ArrayList<>(this.maxBatch);
        List<K> keys = new ArrayList<>(this.maxBatch);
        while (!this.closed) {
            try {
                batch.add(this.waiting.take());
            }
            catch (InterruptedException ex) {
                return;
            }
            this.waiting.drainTo(batch, this.maxBatch - 1);
            for (Lookup<K, V> lookup : batch) {
                keys.add(lookup.key);
            }
            try {
                Map<K, V> found = this.query.apply(keys);
                for (Lookup<K, V> lookup : batch) {
                    complete(lookup, found.get(lookup.key));
                }
            }
            catch (Throwable ex) {
                for (Lookup<K, V> lookup : batch) {
                    lookup.result.completeExceptionally(ex);
                }
            }
            batch.clear();
            keys.clear();
        }
    }

    private static <K, V> void complete(Lookup<K, V> lookup, V value) {
        // Runs what waits on the lookup here; a failure of theirs goes to their own
        // future, not ours.
        lookup.result.complete(Optional.ofNullable(value));
    }

    @Override
    public void close() {
        this.closed = true;
        this.drainers.forEach(Thread::interrupt);
        IllegalStateException closed = new IllegalStateException("closed");
        Lookup<K, V> left;
        while ((left = this.waiting.poll()) != null) {
            left.result.completeExceptionally(closed);
        }
    }

    private record Lookup<K, V>(K key, CompletableFuture<Optional<V>> result) {

        Lookup(K key) {
            this(key, new CompletableFuture<>());
        }

    }

}
