package dev.weir.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;

/**
 * {@code weir keys create|list|revoke}: API keys, through the edge's admin API.
 */
@Command(name = "keys", mixinStandardHelpOptions = true,
        description = {
                "API keys for devices and scripts (sent in the X-API-Key header), through the edge's admin API.",
                "A key is shown once, when it is created. See docs/edge.md." })
final class KeysCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true, description = "Create an API key and print it (once).")
    int create(@Mixin WeirUrls edge, @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "What the key is for.") String name, @Mixin GrantOptions grant) {
        return run(() -> {
            JsonNode created = edge.admin(edge.edge()).post("/admin/keys", grant.body(name));
            PrintWriter out = out();
            out.println(created.get("key").asString());
            this.spec.commandLine()
                .getErr()
                .printf("Created API key %s (%s) with scopes %s%s. It is shown this once: keep it. Send it as X-API-Key.%n",
                        created.get("id").asString(), name, String.join(",", grant.scopes),
                        created.hasNonNull("limit") ? ", limit " + created.get("limit").asString() : "");
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List the API keys (never the keys themselves).")
    int list(@Mixin WeirUrls edge) {
        return run(() -> {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { "ID", "NAME", "SCOPES", "LIMIT", "CREATED", "REVOKED" });
            for (JsonNode key : edge.admin(edge.edge()).get("/admin/keys")) {
                rows.add(new String[] { key.get("id").asString(), key.get("name").asString(), join(key.get("scopes")),
                        text(key, "limit", "default"), text(key, "created_at", ""), text(key, "revoked_at", "") });
            }
            Table.print(out(), rows);
        });
    }

    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API key: refused from now on.")
    int revoke(@Mixin WeirUrls edge,
            @Parameters(paramLabel = "ID", description = "The key's id (its prefix).") String id) {
        return run(() -> {
            edge.admin(edge.edge()).delete("/admin/keys/" + id);
            out().println("Revoked API key " + id);
        });
    }

    private PrintWriter out() {
        return this.spec.commandLine().getOut();
    }

    /**
     * Runs {@code command}; what fails is reported by {@link Failures}, with the exit
     * status of its kind.
     */
    private int run(Runnable command) {
        command.run();
        this.spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }

    static String join(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach((v) -> values.add(v.asString()));
        return String.join(",", values);
    }

    static String text(JsonNode node, String field, String otherwise) {
        return node.hasNonNull(field) ? node.get(field).asString() : otherwise;
    }

}
