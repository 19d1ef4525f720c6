package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;

/**
 * {@code weir lake ls [dataset]}: what the raw lake holds, asked of the Ingest service.
 */
@Command(name = "lake", mixinStandardHelpOptions = true,
        description = { "The raw Parquet lake (weir.raw.* as files by event date and hour). See docs/lake.md." },
        subcommands = { LakeCommand.Ls.class })
final class LakeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "ls", mixinStandardHelpOptions = true,
            description = { "List the lake's datasets; with a dataset, its partitions (date, hour) and files with "
                    + "their row counts. Asks the Ingest service (GET /lake, /lake/datasets/{dataset})." })
    static final class Ls implements Callable<Integer> {

        @Parameters(arity = "0..1", paramLabel = "DATASET", description = "A dataset, e.g. rides.")
        String dataset;

        @Mixin
        IngestClient ingest;

        @Mixin
        JsonOutput json;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = this.spec.commandLine().getOut();
            JsonNode answer = this.ingest.get((this.dataset == null) ? "/lake"
                    : "/lake/datasets/" + URLEncoder.encode(this.dataset, StandardCharsets.UTF_8));
            if (this.json.enabled()) {
                JsonOutput.print(out, answer);
                return ExitCode.OK;
            }
            if (this.dataset == null) {
                JsonNode lake = answer;
                out.println("Lake " + lake.get("location").asString());
                out.printf("%-24s %10s %7s %14s %10s%n", "dataset", "partitions", "files", "rows", "size");
                for (JsonNode dataset : lake.get("datasets")) {
                    out.printf(Locale.ROOT, "%-24s %10d %7d %,14d %10s%n", dataset.get("name").asString(),
                            dataset.get("partitions").size(), dataset.get("files").asInt(),
                            dataset.get("rows").asLong(), size(dataset.get("bytes").asLong()));
                }
                if (lake.get("datasets").isEmpty()) {
                    this.spec.commandLine()
                        .getErr()
                        .println("(empty: push events with POST /events/{stream}, or run a connector)");
                }
            }
            else {
                JsonNode dataset = answer;
                out.printf(Locale.ROOT, "%s: %d files, %,d rows, %s%n", dataset.get("name").asString(),
                        dataset.get("files").asInt(), dataset.get("rows").asLong(),
                        size(dataset.get("bytes").asLong()));
                for (JsonNode partition : dataset.get("partitions")) {
                    out.printf(Locale.ROOT, "  %-28s %5d files %,12d rows%n", partition.get("path").asString(),
                            partition.get("files").size(), partition.get("rows").asLong());
                    for (JsonNode file : partition.get("files")) {
                        out.printf(Locale.ROOT, "    %-44s %,12d rows %10s%n", file.get("name").asString(),
                                file.get("rows").asLong(), size(file.get("bytes").asLong()));
                    }
                }
            }
            return ExitCode.OK;
        }

        static String size(long bytes) {
            if (bytes < 1024) {
                return bytes + " B";
            }
            if (bytes < 1024 * 1024) {
                return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
            }
            return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
        }

    }

}
