package dev.weir.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

import dev.weir.platform.embedded.EmbeddedPostgres;

/**
 * Where Weir keeps its data and which PostgreSQL it uses: the embedded one under the data
 * directory by default, or an existing one given by {@code --db-url} /
 * {@code WEIR_DB_URL}.
 */
public final class DatabaseOptions {

    @Option(names = "--data-dir", paramLabel = "DIR", defaultValue = "${env:WEIR_DATA_DIR:-weir-data}",
            description = "Where Weir keeps its data (env WEIR_DATA_DIR; default: ${DEFAULT-VALUE}).")
    Path dataDir;

    @Option(names = "--db-url", paramLabel = "JDBC_URL", defaultValue = "${env:WEIR_DB_URL}",
            description = "Use this PostgreSQL instead of the embedded one, e.g. jdbc:postgresql://db:5432/weir (env WEIR_DB_URL).")
    String dbUrl;

    @Option(names = "--db-user", paramLabel = "USER", defaultValue = "${env:WEIR_DB_USER:-weir}",
            description = "User for --db-url (env WEIR_DB_USER; default: ${DEFAULT-VALUE}).")
    String dbUser;

    @Option(names = "--db-password-file", paramLabel = "FILE", defaultValue = "${env:WEIR_DB_PASSWORD_FILE}",
            description = "File holding the password for --db-url (env WEIR_DB_PASSWORD_FILE, or WEIR_DB_PASSWORD itself).")
    Path dbPasswordFile;

    @Option(names = "--postgres-port", paramLabel = "PORT", defaultValue = "${env:WEIR_POSTGRES_PORT:-15432}",
            description = "Port of the embedded PostgreSQL, on 127.0.0.1 (env WEIR_POSTGRES_PORT; default: ${DEFAULT-VALUE}).")
    int postgresPort;

    /**
     * Connects to the configured PostgreSQL, starting (or attaching to) the embedded one
     * if none is.
     */
    public Database open() {
        if (this.dbUrl != null && !this.dbUrl.isBlank()) {
            return new Database(this.dbUrl, this.dbUser, externalPassword(), null);
        }
        Path home = this.dataDir.toAbsolutePath().normalize();
        EmbeddedPostgres postgres = EmbeddedPostgres.start(home.resolve("postgres"), this.postgresPort, cacheDir());
        return new Database(postgres.jdbcUrl(), postgres.username(), postgres.password(), postgres);
    }

    /**
     * Whether an existing PostgreSQL is used ({@code --db-url}) instead of the embedded
     * one.
     */
    public boolean external() {
        return this.dbUrl != null && !this.dbUrl.isBlank();
    }

    /** The port of the embedded PostgreSQL. */
    public int postgresPort() {
        return this.postgresPort;
    }

    public Path dataDir() {
        return this.dataDir.toAbsolutePath().normalize();
    }

    private String externalPassword() {
        try {
            if (this.dbPasswordFile != null) {
                return java.nio.file.Files.readString(this.dbPasswordFile).strip();
            }
        }
        catch (java.io.IOException ex) {
            throw new IllegalArgumentException("Cannot read --db-password-file " + this.dbPasswordFile + ": " + ex);
        }
        String password = System.getenv("WEIR_DB_PASSWORD");
        return (password != null) ? password : "";
    }

    private static Path cacheDir() {
        String configured = System.getenv("WEIR_CACHE_DIR");
        return (configured != null) ? Path.of(configured) : Path.of(System.getProperty("user.home"), ".cache", "weir");
    }

    /**
     * A PostgreSQL to connect to; closing it stops the embedded server if this process
     * started it.
     */
    public record Database(String url, String user, String password,
            EmbeddedPostgres embedded) implements AutoCloseable {

        javax.sql.DataSource dataSource() {
            var dataSource = new org.postgresql.ds.PGSimpleDataSource();
            dataSource.setUrl(this.url);
            dataSource.setUser(this.user);
            dataSource.setPassword(this.password);
            return dataSource;
        }

        /** Stops the embedded server if this process started it. */
        @Override
        public void close() {
            if (this.embedded != null) {
                this.embedded.close();
            }
        }

        /** Stops the embedded server, even one this process adopted after a crash. */
        public void stop() {
            if (this.embedded != null) {
                this.embedded.stop();
            }
        }

    }

}
