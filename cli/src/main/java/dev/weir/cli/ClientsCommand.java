package dev.weir.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import tools.jackson.databind.JsonNode;

/**
 * {@code weir clients create|list}: OAuth2 clients ({@code client_credentials}), through
 * the edge's admin API.
 */
@Command(name = "clients", mixinStandardHelpOptions = true,
        description = { "OAuth2 clients (client_credentials at /oauth2/token), through the edge's admin API.",
                "A client's secret is shown once, when it is registered. See docs/edge.md." })
final class ClientsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "create", mixinStandardHelpOptions = true,
            description = "Register a client and print its id and secret (once).")
    int create(@Mixin WeirUrls edge, @Option(names = "--name", required = true, paramLabel = "NAME",
            description = "What the client is.") String name, @Mixin GrantOptions grant) {
        return run(() -> {
            JsonNode created = edge.admin(edge.edge()).post("/admin/clients", grant.body(name));
            PrintWriter out = out();
            out.println("client_id=" + created.get("client_id").asString());
            out.println("client_secret=" + created.get("client_secret").asString());
            this.spec.commandLine()
                .getErr()
                .printf("Registered client %s with scopes %s. The secret is shown this once: keep it.%n"
                        + "Get a token: curl -u CLIENT_ID:CLIENT_SECRET -d grant_type=client_credentials %s/oauth2/token%n",
                        name, String.join(",", grant.scopes), edge.edge());
        });
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the clients (never their secrets).")
    int list(@Mixin WeirUrls edge) {
        return run(() -> {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] { "CLIENT_ID", "NAME", "SCOPES", "LIMIT", "CREATED", "DISABLED" });
            for (JsonNode client : edge.admin(edge.edge()).get("/admin/clients")) {
                rows.add(new String[] { client.get("client_id").asString(), client.get("name").asString(),
                        KeysCommand.join(client.get("scopes")), KeysCommand.text(client, "limit", "default"),
                        KeysCommand.text(client, "created_at", ""), KeysCommand.text(client, "disabled_at", "") });
            }
            Table.print(out(), rows);
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

}
