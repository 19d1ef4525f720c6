package dev.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPostgres;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code weir import retail} into a database of its own: the report on stdout (text or
 * one JSON document), progress on stderr, and a file that is not an Online Retail CSV
 * told apart from a failed import by its exit status.
 */
class ImportRetailCommandIT {

    private static final String HEADER = "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";

    @TempDir
    Path dir;

    @Test
    void aFileThatIsNotAnOnlineRetailCsvExitsWith3AndStoresNothing() throws Exception {
        Path file = Files.writeString(this.dir.resolve("notes.csv"), "name,age\nada,36\n");
        CommandLineContractTest.Result result = importRetail(file);
        assertThat(result.exit()).as(result.err()).isEqualTo(ExitCode.BAD_INPUT);
        assertThat(result.err().lines().filter((line) -> line.startsWith("weir import retail:"))).as(result.err())
            .containsExactly("weir import retail: " + file + " is not an Online Retail CSV (nothing was stored): "
                    + "line 1, column InvoiceNo: the header has 'name' where InvoiceNo is expected; expected "
                    + HEADER.strip());
        assertThat(result.out()).isEmpty();
    }

    @Test
    void withJsonTheReportIsOneJsonDocumentOnStdoutAndProgressGoesToStderr() throws Exception {
        Path file = Files.writeString(this.dir.resolve("two.csv"), HEADER
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,12/1/2010 8:26,2.55,17850.0,United Kingdom\n"
                + "536365,71053,WHITE METAL LANTERN,6,12/1/2010 8:26,3.39,17850.0,United Kingdom\n");
        CommandLineContractTest.Result result = importRetail(file, "--json");
        assertThat(result.exit()).as(result.err()).isZero();
        assertThat(result.out().lines()).hasSize(1);
        JsonNode report = JsonOutput.JSON.readTree(result.out());
        assertThat(report.path("lines").path("read").asLong()).isEqualTo(2);
        assertThat(report.path("lines").path("stored").asLong()).isEqualTo(2);
        assertThat(report.path("reconciles").asBoolean()).isTrue();
        assertThat(report.path("customers").path("new").asLong()).isEqualTo(1);
        assertThat(result.err()).as("progress, not a bar: the test is not a terminal").doesNotContain("\r");
    }

    private CommandLineContractTest.Result importRetail(Path file, String... more) throws Exception {
        EmbeddedPostgres server = TestPostgres.server();
        Path password = Files.writeString(this.dir.resolve("password"), server.password());
        java.util.List<String> arguments = new java.util.ArrayList<>(
                java.util.List.of("import", "retail", file.toString(), "--db-url", TestPostgres.newDatabase(),
                        "--db-user", server.username(), "--db-password-file", password.toString()));
        arguments.addAll(java.util.List.of(more));
        return CommandLineContractTest.weir(arguments.toArray(String[]::new));
    }

}
