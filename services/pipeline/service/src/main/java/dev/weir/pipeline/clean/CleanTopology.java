package dev.weir.pipeline.clean;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;

import dev.weir.pipeline.spi.Dataset;
import dev.weir.pipeline.system.PipelineProperties;
import dev.weir.pipeline.system.PipelineTopics;

/**
 * A dataset's clean stage: its raw topics and its replay topic → {@link CleanProcessor}
 * (with its changelogged stores) → {@code weir.clean.<dataset>},
 * {@code weir.dlq.<dataset>}, {@code weir.events.pipeline}.
 */
final class CleanTopology {

    private CleanTopology() {
    }

    static Topology of(Dataset dataset, CleanMetrics metrics, PipelineProperties.Clean settings) {
        List<String> sources = new ArrayList<>();
        dataset.sources().forEach((source) -> sources.add(source.name()));
        sources.add(PipelineTopics.replay(dataset.name()));
        Topology topology = new Topology();
        topology.addSource("raw", Serdes.ByteArray().deserializer(), Serdes.ByteArray().deserializer(),
                sources.toArray(String[]::new));
        topology.addProcessor("clean-" + dataset.name(),
                () -> new CleanProcessor(dataset, metrics, settings.tallyInterval(), settings.repeatRetention()),
                "raw");
        // Not cached: its keys are event ids and row keys, nearly all written once, so a
        // record cache would only put a sorted map in front of RocksDB (a tenth of the
        // rides stream thread's time, in byte comparisons)
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CleanProcessor.SEEN_STORE),
                Serdes.String(), Serdes.String()), "clean-" + dataset.name());
        // Cached: a key written many times between two commits (a counter) reaches the
        // changelog once per commit, not once per write; the cache is flushed before each
        // commit, so exactly-once holds.
        topology.addStateStore(
                Stores
                    .keyValueStoreBuilder(Stores.persistentKeyValueStore(CleanProcessor.TALLY_STORE), Serdes.String(),
                            Serdes.Long())
                    .withCachingEnabled(),
                "clean-" + dataset.name());
        topology.addSink("clean", PipelineTopics.clean(dataset.name()), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer(), "clean-" + dataset.name());
        topology.addSink("dlq", PipelineTopics.deadLetters(dataset.name()), Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer(), "clean-" + dataset.name());
        topology.addSink("tally", PipelineTopics.TALLY, Serdes.ByteArray().serializer(),
                Serdes.ByteArray().serializer(), "clean-" + dataset.name());
        return topology;
    }

}
