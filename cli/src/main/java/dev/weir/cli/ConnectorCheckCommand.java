package dev.weir.cli;

import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.JsonNode;

/**
 * {@code weir connector check NAME}: the definition validated and one request per stream,
 * by the Ingest service ({@code POST /connectors/{name}/check}); nothing written.
 */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = { "Check a connector without running it: its definition (every problem listed), then one "
                + "request per stream (a child stream's for the first record of its parent's first page): status, "
                + "records on the page, whether another page follows, what went wrong. Nothing is written.",
                "Exit status: 0 every stream answered a readable page, 1 one did not, 3 the definition has problems, "
                        + "4 no such connector, 5 Weir is not up (docs/cli.md)." })
final class ConnectorCheckCommand implements Callable<Integer> {

    @Parameters(paramLabel = "NAME", description = "The connector, e.g. fhrs.")
    String name;

    @Mixin
    WeirUrls urls;

    @Mixin
    JsonOutput json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = this.spec.commandLine().getOut();
        JsonNode check = this.urls.admin(this.urls.ingest())
            .post("/connectors/" + URLEncoder.encode(this.name, StandardCharsets.UTF_8) + "/check");
        boolean ok = check.path("ok").asBoolean();
        if (this.json.enabled()) {
            JsonOutput.print(out, check);
        }
        else {
            out.printf("Connector %s: the definition is valid; %s%n", this.name,
                    ok ? "every stream answered." : "a stream did not answer as it should.");
            out.printf("%-24s %-4s %6s %8s %9s %7s  %s%n", "stream", "ok", "status", "records", "next page", "ms",
                    "url");
            for (JsonNode stream : check.path("streams")) {
                out.printf("%-24s %-4s %6s %8s %9s %7d  %s%n", stream.path("stream").asString(),
                        stream.path("ok").asBoolean() ? "yes" : "NO", text(stream.path("status")),
                        text(stream.path("records")), text(stream.path("next_page")), stream.path("millis").asLong(),
                        stream.path("url").asString("-"));
                if (stream.path("problem").isString()) {
                    out.println("    problem: " + Failures.oneLine(stream.path("problem").asString()));
                }
            }
            out.flush();
        }
        return ok ? ExitCode.OK : ExitCode.FAILED;
    }

    private static String text(JsonNode value) {
        if (value.isBoolean()) {
            return value.asBoolean() ? "yes" : "no";
        }
        return (value.isNull() || value.isMissingNode()) ? "-" : value.asString();
    }

}
