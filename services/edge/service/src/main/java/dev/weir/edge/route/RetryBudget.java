package dev.weir.edge.route;

import java.time.Duration;

/**
 * How many retries the edge may make: at most {@code ratio} retries per call over the
 * last {@code window}, and always {@code minPerSecond}, so retries can never multiply the
 * load on a backend that is failing (a retry storm) yet a quiet edge can still retry.
 * Counted in one-second slots.
 */
final class RetryBudget {

    private final double ratio;

    private final int minPerSecond;

    private final int slots;

    private final long[] calls;

    private final long[] retries;

    private final long[] second;

    RetryBudget(double ratio, int minPerSecond, Duration window) {
        this.ratio = ratio;
        this.minPerSecond = minPerSecond;
        this.slots = (int) Math.max(1, window.toSeconds());
        this.calls = new long[this.slots];
        this.retries = new long[this.slots];
        this.second = new long[this.slots];
    }

    /** Counts a call. */
    synchronized void call(long nowSeconds) {
        this.calls[slot(nowSeconds)]++;
    }

    /** Takes a retry from the budget, if there is one left. */
    synchronized boolean tryRetry(long nowSeconds) {
        int current = slot(nowSeconds);
        long calls = 0;
        long retries = 0;
        for (int i = 0; i < this.slots; i++) {
            if (nowSeconds - this.second[i] < this.slots) {
                calls += this.calls[i];
                retries += this.retries[i];
            }
        }
        double allowed = Math.max((double) this.minPerSecond * this.slots, this.ratio * calls);
        if (retries + 1 > allowed) {
            return false;
        }
        this.retries[current]++;
        return true;
    }

    private int slot(long nowSeconds) {
        int slot = (int) Math.floorMod(nowSeconds, (long) this.slots);
        if (this.second[slot] != nowSeconds) {
            this.second[slot] = nowSeconds;
            this.calls[slot] = 0;
            this.retries[slot] = 0;
        }
        return slot;
    }

}
