package dev.weir.retail.system;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class CoalescingLookupTest {

    @Test
    void looksUpASingleKeyAtOnceWithoutWaitingForCompany() {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        CoalescingLookup<String, String> lookup = new CoalescingLookup<>((keys) -> {
            batches.add(List.copyOf(keys));
            return Map.of("a", "A");
        }, 2, 64);
        assertThat(lookup.get("a")).contains("A");
        assertThat(lookup.get("b")).isEmpty();
        assertThat(batches).containsExactly(List.of("a"), List.of("b"));
    }

    @Test
    void answersEveryCallerWithItsOwnValueWhenManyAskAtOnce() throws Exception {
        AtomicInteger queries = new AtomicInteger();
        CountDownLatch firstQueryHeld = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CoalescingLookup<Integer, String> lookup = new CoalescingLookup<>((keys) -> {
            if (queries.incrementAndGet() == 1) {
                firstQueryHeld.countDown();
                hold(release);
            }
            Map<Integer, String> found = new HashMap<>();
            keys.stream().filter((k) -> k % 3 != 0).forEach((k) -> found.put(k, "v" + k));
            return found;
        }, 1, 1000);
        ExecutorService pool = Executors.newFixedThreadPool(50);
        try {
            Future<Optional<String>> first = pool.submit(() -> lookup.get(1));
            assertThat(firstQueryHeld.await(5, TimeUnit.SECONDS)).isTrue();
            List<Future<Optional<String>>> others = new ArrayList<>();
            for (int i = 2; i <= 50; i++) {
                int key = i;
                others.add(pool.submit(() -> lookup.get(key)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> lookup.waiting() == 49);
            release.countDown();
            assertThat(first.get(5, TimeUnit.SECONDS)).contains("v1");
            for (int i = 2; i <= 50; i++) {
                Optional<String> value = others.get(i - 2).get(5, TimeUnit.SECONDS);
                assertThat(value).isEqualTo((i % 3 == 0) ? Optional.empty() : Optional.of("v" + i));
            }
            // one query held, then one query for the 49 callers that queued up behind it
            assertThat(queries.get()).isEqualTo(2);
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void failsEveryCallerOfAFailedBatchAndKeepsServingAfterwards() {
        AtomicInteger calls = new AtomicInteger();
        CoalescingLookup<String, String> lookup = new CoalescingLookup<>((keys) -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
            }
            return Map.of("a", "A");
        }, 2, 64);
        assertThatThrownBy(() -> lookup.get("a")).isInstanceOf(IllegalStateException.class).hasMessage("database down");
        assertThat(lookup.get("a")).contains("A");
    }

    @Test
    void neverStrandsACallerUnderHeavyConcurrency() throws Exception {
        CoalescingLookup<Integer, Integer> lookup = doubling();
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            eachAnswersTrue(pool, 32, (thread) -> {
                for (int i = 0; i < 2000; i++) {
                    int key = thread * 10_000 + i;
                    if (!lookup.get(key).equals(Optional.of(key * 2))) {
                        return false;
                    }
                }
                return true;
            });
        }
        finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerThatMustNotBlockOnlyQueuesItsLookupAndTheQueryForAllRunsOnTheExecutor() throws Exception {
        List<List<String>> batches = new CopyOnWriteArrayList<>();
        List<String> queryThreads = new CopyOnWriteArrayList<>();
        CoalescingLookup<String, String> lookup = new CoalescingLookup<>((keys) -> {
            batches.add(List.copyOf(keys));
            queryThreads.add(Thread.currentThread().getName());
            return Map.of("a", "A", "c", "C");
        }, 1, 64);
        List<Runnable> handedOver = new ArrayList<>();
        var a = lookup.lookup("a", handedOver::add);
        var b = lookup.lookup("b", handedOver::add);
        var c = lookup.lookup("c", handedOver::add);
        // the first lookup took the one slot and handed one task over; nothing ran here
        assertThat(handedOver).hasSize(1);
        assertThat(batches).isEmpty();
        assertThat(a).isNotDone();
        Thread worker = new Thread(handedOver.get(0), "worker");
        worker.start();
        worker.join(5000);
        assertThat(batches).containsExactly(List.of("a", "b", "c"));
        assertThat(queryThreads).containsExactly("worker");
        assertThat(a.get()).contains("A");
        assertThat(b.get()).isEmpty();
        assertThat(c.get()).contains("C");
    }

    @Test
    void queriesOnTheCallersThreadWhenTheExecutorRefuses() throws Exception {
        CoalescingLookup<String, String> lookup = new CoalescingLookup<>((keys) -> Map.of("a", "A"), 2, 64);
        var found = lookup.lookup("a", (task) -> {
            throw new RejectedExecutionException("stopping");
        });
        assertThat(found.get(5, TimeUnit.SECONDS)).contains("A");
        // the slot was given back: the next lookup is served too
        assertThat(lookup.get("a")).contains("A");
    }

    @Test
    void neverStrandsALookupHandedToAnExecutorUnderHeavyConcurrency() throws Exception {
        CoalescingLookup<Integer, Integer> lookup = doubling();
        ExecutorService callers = Executors.newFixedThreadPool(16);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        try {
            eachAnswersTrue(callers, 16, (thread) -> {
                List<CompletableFuture<Optional<Integer>>> pending = new ArrayList<>();
                for (int i = 0; i < 2000; i++) {
                    pending.add(lookup.lookup(thread * 10_000 + i, workers));
                }
                for (int i = 0; i < 2000; i++) {
                    int key = thread * 10_000 + i;
                    if (!pending.get(i).get(30, TimeUnit.SECONDS).equals(Optional.of(key * 2))) {
                        return false;
                    }
                }
                return true;
            });
        }
        finally {
            callers.shutdownNow();
            workers.shutdownNow();
        }
    }

    /** Runs {@code work} for threads 0 to n-1 on {@code pool}; each must answer true. */
    private static void eachAnswersTrue(ExecutorService pool, int threads, ThreadWork work) throws Exception {
        List<Future<Boolean>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int thread = t;
            results.add(pool.submit(() -> work.run(thread)));
        }
        for (Future<Boolean> result : results) {
            assertThat(result.get(60, TimeUnit.SECONDS)).isTrue();
        }
    }

    @FunctionalInterface
    private interface ThreadWork {

        boolean run(int thread) throws Exception;

    }

    /** Finds every key, with twice its value; two query slots, up to 16 keys a query. */
    private static CoalescingLookup<Integer, Integer> doubling() {
        return new CoalescingLookup<>((keys) -> {
            Map<Integer, Integer> found = new HashMap<>();
            keys.forEach((k) -> found.put(k, k * 2));
            return found;
        }, 2, 16);
    }

    private static void hold(CountDownLatch latch) {
        try {
            latch.await(5, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

}
