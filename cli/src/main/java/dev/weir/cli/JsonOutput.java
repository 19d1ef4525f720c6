package dev.weir.cli;

import java.io.PrintWriter;

import picocli.CommandLine.Option;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code --json}: a command prints one JSON document on stdout instead of its table or
 * report, for scripts and {@code jq}. Add it to a command with
 * {@code @Mixin JsonOutput json;} and print with {@link #print(PrintWriter, JsonNode)}
 * when {@link #enabled()}. Progress and messages go to stderr either way.
 */
public final class JsonOutput {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @Option(names = "--json", description = "Print one JSON document on stdout instead of the table or report.")
    boolean json;

    /** Whether {@code --json} was given. */
    public boolean enabled() {
        return this.json;
    }

    /** An empty object to fill. */
    public static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** Prints {@code document} on one line and flushes. */
    public static void print(PrintWriter out, JsonNode document) {
        out.println(JSON.writeValueAsString(document));
        out.flush();
    }

}
