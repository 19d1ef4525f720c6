package dev.weir.platform.kafka;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventIdsTest {

    @Test
    void aNameBasedIdIsTheRfc9562Version5UuidOfItsPartsAsPythonComputesIt() {
        // python3: uuid.uuid5(UUID("5b0f3b6e-6a44-4d2c-9c1e-3f6f1d0a7e21"),
        // "fhrs\0establishments\0254719\0")
        assertThat(EventIds.of("fhrs", "establishments", "254719")).isEqualTo("982c4c14-c9ce-53c6-abca-418ae256141b");
        UUID id = UUID.fromString(EventIds.of("fhrs", "establishments", "254719"));
        assertThat(id.version()).isEqualTo(5);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void theSamePartsGiveTheSameIdAndOtherPartsOrOtherBoundariesAnother() {
        assertThat(EventIds.of("a", "b")).isEqualTo(EventIds.of("a", "b"))
            .isNotEqualTo(EventIds.of("a", "c"))
            .isNotEqualTo(EventIds.of("ab"))
            .isNotEqualTo(EventIds.of("a", "b", ""));
    }

    @Test
    void timeOrderedIdsAreVersion7AndNeverRepeat() {
        UUID first = UUID.fromString(EventIds.next());
        UUID second = UUID.fromString(EventIds.next());
        assertThat(first.version()).isEqualTo(7);
        assertThat(second).isNotEqualTo(first);
        assertThat(second.toString()).isGreaterThan(first.toString());
    }

    @Test
    void idsMadeOnManyThreadsAtOnceNeverShareTheirRandomPart() throws Exception {
        java.util.Set<Long> randomParts = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger made = new java.util.concurrent.atomic.AtomicInteger();
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                threads.submit(() -> {
                    for (int i = 0; i < 10_000; i++) {
                        randomParts.add(EventIds.nextUuid().getLeastSignificantBits());
                        made.incrementAndGet();
                    }
                });
            }
        }
        assertThat(made.get()).isEqualTo(80_000);
        assertThat(randomParts).hasSize(80_000);
    }

}
