package dev.weir.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code weir topics}: Weir's Kafka topics ({@code weir.*}) on the running broker, with
 * partitions, replication, retention, cleanup policy and how many records they hold.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {
                "List Weir's Kafka topics (weir.<kind>.<dataset>) with partitions, replicas, retention and records.",
                "Asks the broker of a running `weir up` (127.0.0.1:9092), or the cluster in --kafka-bootstrap." })
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    KafkaOptions kafka;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = this.spec.commandLine().getOut();
        String bootstrap = this.kafka.bootstrapServers();
        try (Admin admin = this.kafka.admin(ch.qos.logback.classic.Level.OFF)) {
            List<String> names = admin.listTopics()
                .names()
                .get(10, TimeUnit.SECONDS)
                .stream()
                .filter((name) -> name.startsWith("weir."))
                .sorted()
                .toList();
            if (names.isEmpty()) {
                out.println("No weir.* topics on " + bootstrap + " yet.");
                return 0;
            }
            Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames().get();
            List<ConfigResource> resources = names.stream()
                .map((name) -> new ConfigResource(ConfigResource.Type.TOPIC, name))
                .toList();
            var configs = admin.describeConfigs(resources).all().get();
            Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            descriptions.values().forEach((topic) -> topic.partitions().forEach((partition) -> {
                TopicPartition tp = new TopicPartition(topic.name(), partition.partition());
                earliest.put(tp, OffsetSpec.earliest());
                latest.put(tp, OffsetSpec.latest());
            }));
            var starts = admin.listOffsets(earliest).all().get();
            var ends = admin.listOffsets(latest).all().get();
            out.printf("%-32s %10s %8s %12s %8s %12s%n", "topic", "partitions", "replicas", "retention", "cleanup",
                    "records");
            for (String name : names) {
                TopicDescription topic = descriptions.get(name);
                var config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, name));
                long records = 0;
                for (var partition : topic.partitions()) {
                    TopicPartition tp = new TopicPartition(name, partition.partition());
                    records += ends.get(tp).offset() - starts.get(tp).offset();
                }
                out.printf("%-32s %10d %8d %12s %8s %,12d%n", name, topic.partitions().size(),
                        topic.partitions().get(0).replicas().size(), retention(config.get("retention.ms").value()),
                        config.get("cleanup.policy").value(), records);
            }
            return 0;
        }
        catch (ExecutionException | java.util.concurrent.TimeoutException ex) {
            this.spec.commandLine()
                .getErr()
                .println("weir topics: no Kafka answers at " + bootstrap + " (" + rootMessage(ex)
                        + "). Start Weir with ./weir up, or give --kafka-bootstrap.");
            return 1;
        }
    }

    static String retention(String millis) {
        long value = Long.parseLong(millis);
        if (value < 0) {
            return "forever";
        }
        long hours = value / 3_600_000;
        return (hours % 24 == 0) ? (hours / 24) + " days" : hours + " hours";
    }

    private static String rootMessage(Throwable ex) {
        List<String> messages = new ArrayList<>();
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t.getMessage() != null) {
                messages.add(t.getMessage());
            }
        }
        return messages.isEmpty() ? ex.getClass().getSimpleName() : messages.get(messages.size() - 1);
    }

}
