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

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The import's promise in every phase: the full file imported by another JVM, killed
 * ({@code SIGKILL}) as it enters the phase, then imported again here, leaves the database
 * exactly as a clean import does (rows and keys), whatever the phase it was killed in,
 * the commit included (killed as it commits, it either committed or not: the rerun finds
 * it done or does it).
 */
class ImportKilledInEachPhaseIT {

    private static final String CHILD_SESSIONS = "SELECT count(*) FROM pg_stat_activity WHERE application_name = '"
            + ImportProcess.APPLICATION_NAME + "'";

    /**
     * What a clean import of the sample, then the full file, stores (the rows without
     * their timestamps, which differ between any two imports).
     */
    private static Map<String, String> clean;

    private static Map<String, String> cleanKeys;

    @ParameterizedTest
    @ValueSource(strings = { "reading", "applying the rules", "writing customers", "writing stock codes",
            "writing invoices", "locking invoice lines", "writing invoice lines",
            "adding the keys back (checks every line)", "recording the import's event", "committing" })
    void anImportKilledInThisPhaseAndRunAgainEqualsACleanImport(String phase) throws Exception {
        Path full = ImportDatabase.fullFile();
        ImportDatabase database = ImportDatabase.create();
        database.importFile(TestFiles.SAMPLE);

        killWhenEntering(phase, database, full);
        database.importFile(full);

        assertThat(database.contents()).isEqualTo(clean(full));
        assertThat(database.keys()).isEqualTo(cleanKeys);
    }

    private static synchronized Map<String, String> clean(Path full) {
        if (clean == null) {
            ImportDatabase reference = ImportDatabase.create();
            reference.importFile(TestFiles.SAMPLE);
            reference.importFile(full);
            clean = reference.contents();
            cleanKeys = reference.keys();
        }
        return clean;
    }

    /** Runs the import in a child JVM and kills it as it prints {@code phase <phase>}. */
    private static void killWhenEntering(String phase, ImportDatabase database, Path file) throws Exception {
        EmbeddedPostgres postgres = TestPostgres.server();
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ImportProcess.class.getName(), file.toString())
            .redirectErrorStream(true);
        builder.environment().put("WEIR_TEST_DB_URL", database.url);
        builder.environment().put("WEIR_TEST_DB_USER", postgres.username());
        builder.environment().put("WEIR_TEST_DB_PASSWORD", postgres.password());
        Process child = builder.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    output.add(line);
                    if (line.equals("phase " + phase)) {
                        child.destroyForcibly();
                    }
                }
            }
            catch (IOException ex) {
                // the child was killed
            }
        });
        try {
            assertThat(child.waitFor(5, TimeUnit.MINUTES)).as("the child ends").isTrue();
            reader.join(Duration.ofSeconds(10));
            assertThat(output).as("the child reached the phase").contains("phase " + phase);
            if (!phase.equals("committing")) {
                // killed as it commits, it may have finished first: the rerun must do
                // nothing then
                assertThat(child.exitValue()).as("killed, not finished:\n%s", output).isNotZero();
            }
        }
        finally {
            child.destroyForcibly();
        }
        await("the killed import's session to end").atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(20))
            .until(() -> database.count(CHILD_SESSIONS) == 0);
    }

}
