package dev.weir.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import dev.weir.testing.infra.TestPorts;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@code weir} command promises a script (docs/cli.md): a distinct exit status
 * per kind of failure, one line on stderr that says what went wrong (no stack trace),
 * nothing on stdout but what was asked for.
 */
class CommandLineContractTest {

    @Test
    void aWrongCommandLineExitsWithPicocliUsageStatus2() {
        Result result = weir("connector", "status");
        assertThat(result.exit()).isEqualTo(ExitCode.USAGE).isEqualTo(2);
        assertThat(result.err()).contains("Missing required parameter: 'NAME'");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void nothingAnsweringAtWeirsUrlExitsWith5AndOneLineNamingTheUrl() {
        String url = "http://127.0.0.1:" + TestPorts.free();
        for (String[] command : new String[][] { { "topics" }, { "connector", "list" }, { "connector", "status", "x" },
                { "lake", "ls" }, { "topics", "--json" }, { "keys", "list" }, { "keys", "revoke", "x" },
                { "clients", "list" } }) {
            String[] arguments = java.util.stream.Stream
                .concat(java.util.Arrays.stream(command), java.util.stream.Stream.of("--url", url))
                .toArray(String[]::new);
            Result result = weir(arguments);
            assertThat(result.exit()).as(String.join(" ", command)).isEqualTo(ExitCode.NOT_UP);
            assertThat(result.err().lines()).as(result.err()).hasSize(1);
            assertThat(result.err()).startsWith("weir " + command[0]).contains("no Weir answers at " + url);
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void aFileThatDoesNotExistExitsWith4() {
        Result result = weir("import", "retail", "no/such/file.csv");
        assertThat(result.exit()).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(result.err()).isEqualTo("weir import retail: no such file: no/such/file.csv\n");
        assertThat(result.out()).isEmpty();
    }

    @Test
    void theExitStatusesOfTheKindsOfFailureAreDistinct() {
        assertThat(java.util.Set.of(ExitCode.OK, ExitCode.FAILED, ExitCode.USAGE, ExitCode.BAD_INPUT,
                ExitCode.NOT_FOUND, ExitCode.NOT_UP, ExitCode.BUSY, ExitCode.DENIED))
            .hasSize(8);
        assertThat(ExitCode.USAGE).isEqualTo(CommandLine.ExitCode.USAGE);
    }

    @Test
    void theAdminCommandsExitWithTheStatusOfTheEdgesAnswer() throws Exception {
        // the edge's admin API as it answers: an unknown scope, an unknown key, a bad
        // admin key
        HttpServer edge = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        edge.createContext("/", (exchange) -> {
            String route = exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath();
            int status = switch (route) {
                case "POST /admin/keys", "POST /admin/clients" -> 422;
                case "DELETE /admin/keys/nope" -> 404;
                default -> 401;
            };
            byte[] body = ("{\"type\":\"about:blank\",\"status\":" + status + ",\"title\":\"No\",\"detail\":\"refused "
                    + status + "\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/problem+json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        edge.start();
        try {
            String url = "http://127.0.0.1:" + edge.getAddress().getPort();
            Object[][] cases = {
                    { ExitCode.BAD_INPUT, new String[] { "keys", "create", "--name", "k", "--scopes", "x" } },
                    { ExitCode.BAD_INPUT, new String[] { "clients", "create", "--name", "c", "--scopes", "x" } },
                    { ExitCode.NOT_FOUND, new String[] { "keys", "revoke", "nope" } },
                    { ExitCode.DENIED, new String[] { "keys", "list" } },
                    { ExitCode.DENIED, new String[] { "clients", "list" } } };
            for (Object[] c : cases) {
                String[] command = (String[]) c[1];
                String[] arguments = java.util.stream.Stream
                    .concat(java.util.Arrays.stream(command),
                            java.util.stream.Stream.of("--url", url, "--admin-key-file", adminKey().toString()))
                    .toArray(String[]::new);
                Result result = weir(arguments);
                assertThat(result.exit()).as(String.join(" ", command) + ": " + result.err()).isEqualTo(c[0]);
                assertThat(result.err().lines()).as(result.err()).hasSize(1);
                assertThat(result.err()).startsWith("weir " + command[0] + " " + command[1] + ": ").contains("refused");
            }
        }
        finally {
            edge.stop(0);
        }
    }

    private static java.nio.file.Path adminKey() throws java.io.IOException {
        java.nio.file.Path file = java.nio.file.Files.createTempFile("admin", ".key");
        file.toFile().deleteOnExit();
        java.nio.file.Files.writeString(file, "weir_admin_test");
        return file;
    }

    @Test
    void aServiceAnswerMapsToTheExitStatusOfItsKind() {
        assertThat(ExitCode.forHttpStatus(404)).isEqualTo(ExitCode.NOT_FOUND);
        assertThat(ExitCode.forHttpStatus(422)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ExitCode.forHttpStatus(400)).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(ExitCode.forHttpStatus(409)).isEqualTo(ExitCode.BUSY);
        assertThat(ExitCode.forHttpStatus(503)).isEqualTo(ExitCode.NOT_UP);
        assertThat(ExitCode.forHttpStatus(401)).isEqualTo(ExitCode.DENIED);
        assertThat(ExitCode.forHttpStatus(500)).isEqualTo(ExitCode.FAILED);
    }

    @Test
    void anUnexpectedErrorIsOneLineWithoutAStackTrace() {
        CommandLine weir = new CommandLine(new Throwing()).setExecutionExceptionHandler(new Failures(false));
        StringWriter err = new StringWriter();
        weir.setErr(new PrintWriter(err));
        assertThat(weir.execute()).isEqualTo(ExitCode.FAILED);
        assertThat(err.toString()).isEqualTo(
                "throwing: failed unexpectedly (IllegalStateException): bad \\u001b[31mstate (WEIR_DEBUG=true shows where)\n");
    }

    @Test
    void completionPrintsAScriptForBashAndForZsh() {
        Result bash = weir("completion", "bash");
        assertThat(bash.exit()).isZero();
        assertThat(bash.out()).contains("complete -F _complete_weir", "connector", "topics", "--json");
        Result zsh = weir("completion", "zsh");
        assertThat(zsh.exit()).isZero();
        assertThat(zsh.out()).startsWith("autoload -U +X compinit && compinit\nautoload -U +X bashcompinit")
            .contains("complete -F _complete_weir");
        assertThat(weir("completion", "fish").exit()).isEqualTo(ExitCode.USAGE);
    }

    @Test
    void colourOnlyOnATerminalAndNeverWithNoColor() {
        assertThat(new Terminal(true, Map.of()).colour()).isTrue();
        assertThat(new Terminal(true, Map.of("NO_COLOR", "1")).colour()).isFalse();
        assertThat(new Terminal(true, Map.of("TERM", "dumb")).colour()).isFalse();
        assertThat(new Terminal(false, Map.of()).colour()).isFalse();
        assertThat(new Terminal(true, Map.of("NO_COLOR", "")).colour()).as("an empty NO_COLOR is unset").isTrue();
    }

    @picocli.CommandLine.Command(name = "throwing")
    static final class Throwing implements java.util.concurrent.Callable<Integer> {

        @Override
        public Integer call() {
            throw new IllegalStateException("bad \u001b[31mstate\n");
        }

    }

    static Result weir(String... arguments) {
        CommandLine weir = WeirCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        weir.setOut(new PrintWriter(out));
        weir.setErr(new PrintWriter(err));
        int exit = weir.execute(arguments);
        return new Result(exit, out.toString(), err.toString());
    }

    record Result(int exit, String out, String err) {
    }

}
