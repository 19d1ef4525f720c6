package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir connector preview NAME --limit 10}: a stream's first records as a run would
 * publish them, read by the Ingest service ({@code GET /connectors/{name}/preview});
 * nothing written.
 */
@Command(name = "preview", mixinStandardHelpOptions = true,
        description = { "Print a stream's first records as a run would publish them (key, then the record as JSON), "
                + "without running the connector: nothing is written. The service reads at most 20 pages for them.",
                "Records on stdout, the URLs read on stderr. Exit status: 0 the records were read, 1 a page could not "
                        + "be, 3 the definition has problems, 4 no such connector or stream, 5 Weir is not up." })
final class ConnectorPreviewCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The connector, e.g. fhrs.")
    String name;

    @Option(names = "--stream", paramLabel = "STREAM", description = "The stream (default: the connector's first).")
    String stream;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "How many records, 1-100 (default: ${DEFAULT-VALUE}).")
    int limit;

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        PrintWriter err = this.spec.commandLine().getErr();
        if (this.limit < 1 || this.limit > 100) {
            throw new picocli.CommandLine.ParameterException(this.spec.commandLine(),
                    "--limit must be 1-100, not " + this.limit);
        }
        String path = "/connectors/" + URLEncoder.encode(this.name, StandardCharsets.UTF_8) + "/preview?limit="
                + this.limit
                + ((this.stream != null) ? "&stream=" + URLEncoder.encode(this.stream, StandardCharsets.UTF_8) : "");
        JsonNode preview = this.urls.admin(this.urls.ingest()).get(path);
        if (this.json.enabled()) {
            JsonOutput.print(out, preview);
        }
        else {
            preview.path("requests").forEach((url) -> err.println("read " + url.asString()));
            err.flush();
            for (JsonNode record : preview.path("records")) {
                out.println(record.path("key").asString("-") + "\t"
                        + JsonOutput.JSON.writeValueAsString(record.path("record")));
            }
            out.flush();
            preview.path("problems")
                .forEach((problem) -> err.println("problem: " + Failures.oneLine(problem.asString())));
            err.flush();
        }
        return preview.path("problems").isEmpty() ? ExitCode.OK : ExitCode.FAILED;
    }

}
