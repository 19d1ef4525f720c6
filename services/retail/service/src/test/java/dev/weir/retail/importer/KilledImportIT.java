package dev.weir.retail.importer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real kill: the full file is imported by another JVM, which is killed
 * ({@code SIGKILL}) while PostgreSQL is storing its lines. The full file after the sample
 * is loaded in bulk, so at that moment the keys of {@code invoice_line} are dropped
 * within the child's transaction: the kill must bring back the keys as well as the rows.
 */
class KilledImportIT {

    private static final String COPYING_ROWS = """
            SELECT coalesce(max(p.tuples_processed), 0) FROM pg_stat_progress_copy p
            JOIN pg_stat_activity a ON a.pid = p.pid WHERE a.application_name = '""" + ImportProcess.APPLICATION_NAME
            + "'";

    private static final String CHILD_HOLDS_INVOICE_LINES = """
            SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
            WHERE l.relation = 'retail.invoice_line'::regclass AND l.mode = 'AccessExclusiveLock' AND l.granted
              AND a.application_name = '""" + ImportProcess.APPLICATION_NAME + "'";

    private static final String CHILD_SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
            + ImportProcess.APPLICATION_NAME + "'";

    @Test
    void anImportKilledWhileWritingInBulkLeavesTheDatabaseAndItsKeysExactlyAsTheyWereBefore() throws Exception {
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SAMPLE);
        Map<String, String> before = database.fingerprint();
        Map<String, String> keys = database.keys();
        Path full = ImportDatabase.fullFile();

        EmbeddedPostgres postgres = TestPostgres.server();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportProcess.class.getName(), full.toString())
            .redirectErrorStream(true);
        builder.environment().put("WEIR_TEST_DB_URL", database.url);
        builder.environment().put("WEIR_TEST_DB_USER", postgres.username());
        builder.environment().put("WEIR_TEST_DB_PASSWORD", postgres.password());
        Process child = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> collect(child, output));
        try {
            await("the child writing invoice lines").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(20))
                .until(() -> output.contains("phase writing invoice lines") || !child.isAlive());
            assertThat(output).as("the child's output").contains("phase writing invoice lines");
            await("PostgreSQL storing the child's lines").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(10))
                .until(() -> database.count(COPYING_ROWS) > 0 || !child.isAlive());
            assertThat(child.isAlive()).as("the child is still importing").isTrue();
            long copied = database.count(COPYING_ROWS);
            assertThat(database.count(CHILD_HOLDS_INVOICE_LINES)).as("the child loading in bulk").isEqualTo(1);

            child.destroyForcibly();

            assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(child.exitValue()).as("killed, not finished").isNotZero();
            assertThat(copied).as("lines the server had stored when the child was killed").isPositive();
        }
        finally {
            child.destroyForcibly();
            reader.join(Duration.ofSeconds(10));
        }
        assertThat(output).noneMatch((line) -> line.startsWith("committed"));
        // the server notices the lost connection and rolls back; then nothing of it is
        // left
        await("the killed import's session to end").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> database.count(CHILD_SESSIONS) == 0);
        assertThat(database.fingerprint()).isEqualTo(before);
        assertThat(database.keys()).isEqualTo(keys);
    }

    private static void collect(Process child, List<String> output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                output.add(line);
            }
        }
        catch (IOException ex) {
            // the child was killed
        }
    }

}
