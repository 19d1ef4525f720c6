package dev.weir.edge.route;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBudgetTest {

    @Test
    void allowsTheMinimumPerSecondEvenWithoutCalls() {
        RetryBudget budget = new RetryBudget(0.2, 2, Duration.ofSeconds(1));
        assertThat(budget.tryRetry(100)).isTrue();
        assertThat(budget.tryRetry(100)).isTrue();
        assertThat(budget.tryRetry(100)).isFalse();
    }

    @Test
    void allowsRetriesInProportionToCallsOverTheWindow() {
        RetryBudget budget = new RetryBudget(0.2, 0, Duration.ofSeconds(10));
        for (int i = 0; i < 100; i++) {
            budget.call(1000 + i % 10);
        }
        int allowed = 0;
        while (budget.tryRetry(1009)) {
            allowed++;
        }
        assertThat(allowed).isEqualTo(20);
    }

    @Test
    void forgetsCallsAndRetriesOlderThanTheWindow() {
        RetryBudget budget = new RetryBudget(0.5, 0, Duration.ofSeconds(2));
        budget.call(10);
        budget.call(10);
        assertThat(budget.tryRetry(10)).isTrue();
        assertThat(budget.tryRetry(10)).isFalse();
        // two seconds on, those calls are out of the window
        assertThat(budget.tryRetry(12)).isFalse();
        budget.call(12);
        budget.call(12);
        assertThat(budget.tryRetry(12)).isTrue();
    }

}
