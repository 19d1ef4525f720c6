package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir dlq list|show|replay <dataset>}: the pipeline's dead letters, through its
 * admin API.
 */
@Command(name = "dlq", mixinStandardHelpOptions = true,
        description = { "Dead letters: records a cleaning rule rejected (and the Ingest service's bad pages), "
                + "with the reason, the rule, the original record and where it came from; send them through "
                + "again after fixing a rule or the data. See docs/pipeline.md." },
        subcommands = { DlqCommand.ListCommand.class, DlqCommand.ShowCommand.class, DlqCommand.ReplayCommand.class })
final class DlqCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List a dataset's dead letters (or, without one, the counts per dataset and rule).")
    static final class ListCommand implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DATASET", description = "fhrs, open-meteo, rides, telemetry, retail")
        String dataset;

        @Option(names = "--rule", description = "Only those of this rule")
        String rule;

        @Option(names = "--limit", defaultValue = "50", description = "At most this many (default 50)")
        int limit;

        @Option(names = "--after", description = "The id after which to list (the 'next' of a previous page)")
        String after;

        @Mixin
        WeirUrls urls;

        @Mixin
        JsonOutput json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = this.spec.commandLine().getOut();
            AdminClient client = this.urls.admin(this.urls.pipeline());
            if (this.dataset == null) {
                JsonNode answer = client.get("/dlq");
                if (this.json.enabled()) {
                    JsonOutput.print(out, answer);
                    return ExitCode.OK;
                }
                JsonNode counts = answer.path("datasets");
                out.printf("%-12s %-36s %s%n", "dataset", "rule", "dead letters");
                counts.properties().forEach((dataset) -> {
                    if (dataset.getValue().isEmpty()) {
                        out.printf("%-12s %-36s %d%n", dataset.getKey(), "-", 0);
                    }
                    dataset.getValue()
                        .properties()
                        .forEach((rule) -> out.printf("%-12s %-36s %d%n", dataset.getKey(), rule.getKey(),
                                rule.getValue().asLong()));
                });
                return 0;
            }
            StringBuilder path = new StringBuilder("/dlq/").append(encode(this.dataset))
                .append("?limit=")
                .append(this.limit);
            if (this.rule != null) {
                path.append("&rule=").append(encode(this.rule));
            }
            if (this.after != null) {
                path.append("&after=").append(encode(this.after));
            }
            JsonNode page = client.get(path.toString());
            if (this.json.enabled()) {
                JsonOutput.print(out, page);
                return ExitCode.OK;
            }
            out.printf("%-10s %-8s %-32s %-20s %s%n", "id", "stage", "rule", "dead at", "reason");
            for (JsonNode item : page.path("items")) {
                out.printf("%-10s %-8s %-32s %-20s %s%s%n", item.path("id").asString(), item.path("stage").asString(),
                        item.path("rule").asString(), item.path("dead_at").asString().substring(0, 19),
                        item.path("reason").asString(), item.path("replay_count").asInt() > 0
                                ? "  (replayed " + item.path("replay_count").asInt() + "x)" : "");
            }
            if (page.path("next").isString()) {
                out.println("More: weir dlq list " + this.dataset + " --after " + page.path("next").asString());
            }
            return 0;
        }

    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Show a dead letter: reason, rule, the original record (headers, value) and provenance.")
    static final class ShowCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATASET")
        String dataset;

        @Parameters(index = "1", paramLabel = "ID", description = "<partition>-<offset>, as `weir dlq list` shows")
        String id;

        @Mixin
        WeirUrls urls;

        @Spec
        CommandSpec spec;

        @Mixin
        JsonOutput json;

        @Override
        public Integer call() {
            JsonNode letter = this.urls.admin(this.urls.pipeline())
                .get("/dlq/" + encode(this.dataset) + "/" + encode(this.id));
            if (this.json.enabled()) {
                JsonOutput.print(this.spec.commandLine().getOut(), letter);
            }
            else {
                this.spec.commandLine()
                    .getOut()
                    .println(JsonOutput.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(letter));
            }
            return 0;
        }

    }

    @Command(name = "replay", mixinStandardHelpOptions = true,
            description = { "Send dead letters through the clean stage again, after a rule or the data was fixed: "
                    + "the given ids, or all of a --rule, or all of the dataset. Each is cleaned at most once; "
                    + "one that fails again becomes a new dead letter." })
    static final class ReplayCommand implements Callable<Integer> {

        @Parameters(index = "0", paramLabel = "DATASET")
        String dataset;

        @Parameters(index = "1..*", paramLabel = "ID", description = "Dead letter ids (default: all)")
        List<String> ids;

        @Option(names = "--rule", description = "All dead letters of this rule")
        String rule;

        @Mixin
        WeirUrls urls;

        @Mixin
        JsonOutput json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("ids", (this.ids != null) ? this.ids : List.of());
            body.put("rule", this.rule);
            JsonNode result = this.urls.admin(this.urls.pipeline())
                .post("/dlq/" + encode(this.dataset) + "/replay", body);
            if (this.json.enabled()) {
                JsonOutput.print(this.spec.commandLine().getOut(), result);
                return 0;
            }
            this.spec.commandLine()
                .getOut()
                .printf("Replayed %d dead letter(s) of %s%s.%n", result.path("replayed").asInt(), this.dataset,
                        (result.path("skipped").asInt() > 0) ? " (" + result.path("skipped").asInt()
                                + " skipped: the Ingest service's bad pages are fixed by running the connector again)"
                                : "");
            return 0;
        }

    }

    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }

}
