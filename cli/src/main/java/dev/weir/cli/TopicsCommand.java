package dev.weir.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir topics}: Weir's Kafka topics ({@code weir.*}), with partitions,
 * replication, retention, cleanup policy and how many records they hold, as the Ingest
 * service's admin API lists them.
 */
@Command(name = "topics", mixinStandardHelpOptions = true,
        description = {
                "List Weir's Kafka topics (weir.<kind>.<dataset>) with partitions, replicas, retention and records.",
                "Asks the Ingest service of a running Weir (`weir up`, or --url / WEIR_URL), which asks its Kafka." })
final class TopicsCommand implements Callable<Integer> {

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        AdminClient ingest = this.urls.admin(this.urls.ingest());
        JsonNode topics = ingest.get("/topics");
        if (this.json.enabled()) {
            JsonOutput.print(out, topics);
            return ExitCode.OK;
        }
        if (topics.isEmpty()) {
            this.spec.commandLine().getErr().println("No weir.* topics yet.");
            return ExitCode.OK;
        }
        out.printf("%-32s %10s %8s %12s %8s %12s%n", "topic", "partitions", "replicas", "retention", "cleanup",
                "records");
        for (JsonNode topic : topics) {
            out.printf("%-32s %10d %8d %12s %8s %,12d%n", topic.path("name").asString(),
                    topic.path("partitions").asInt(), topic.path("replicas").asInt(),
                    retention(topic.path("retention_ms").asLong()), topic.path("cleanup_policy").asString(),
                    topic.path("records").asLong());
        }
        return ExitCode.OK;
    }

    static String retention(long millis) {
        if (millis < 0) {
            return "forever";
        }
        long hours = millis / 3_600_000;
        return (hours % 24 == 0) ? (hours / 24) + " days" : hours + " hours";
    }

}
