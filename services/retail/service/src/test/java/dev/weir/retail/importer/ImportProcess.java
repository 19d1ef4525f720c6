package dev.weir.retail.importer;

import java.nio.file.Path;

import org.postgresql.ds.PGSimpleDataSource;

/**
 * A test-only program that imports one file, for {@link KilledImportIT} to kill: prints
 * each phase as it starts ({@code phase writing invoice lines}) and {@code committed} at
 * the end, then the report (so it also measures an import in a fresh JVM). The database
 * comes from the environment ({@code WEIR_TEST_DB_URL}, {@code WEIR_TEST_DB_USER},
 * {@code WEIR_TEST_DB_PASSWORD}), the file from the first argument.
 */
public final class ImportProcess {

    /** The application name of the child's connection, to find its server process. */
    static final String APPLICATION_NAME = "weir-import-process";

    private ImportProcess() {
    }

    public static void main(String[] args) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setURL(System.getenv("WEIR_TEST_DB_URL"));
        dataSource.setUser(System.getenv("WEIR_TEST_DB_USER"));
        dataSource.setPassword(System.getenv("WEIR_TEST_DB_PASSWORD"));
        dataSource.setApplicationName(APPLICATION_NAME);
        ImportProgress progress = new ImportProgress() {

            @Override
            public void started(long totalBytes) {
            }

            @Override
            public void advanced(long bytesRead, long rowsRead) {
            }

            @Override
            public void phase(String description) {
                System.out.println("phase " + description);
                System.out.flush();
            }

        };
        ImportReport report = new RetailImporter(dataSource).importFile(Path.of(args[0]), progress);
        System.out.println("committed " + report.linesStored());
        System.out.println(report.render());
        System.out.flush();
    }

}
