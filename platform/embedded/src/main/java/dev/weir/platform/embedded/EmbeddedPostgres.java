package dev.weir.platform.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server whose cluster lives in a directory of the user's (by default
 * {@code ./weir-data/postgres}), so data survives restarts.
 * <p>
 * Layout of the home directory: {@code data/} is the cluster, {@code password} the
 * generated password of the {@code weir} superuser (mode 0600; connections use
 * scram-sha-256, never trust), {@code postgres.log} the server log. The server listens on
 * 127.0.0.1 only.
 * <p>
 * PostgreSQL refuses to run as root. When this JVM runs as root, the server runs in an
 * unprivileged user namespace ({@code unshare --user}), where it is not root but still
 * owns the files it writes.
 * <p>
 * If a server is already running on the cluster (another Weir process, or one left behind
 * by a Weir process that was killed), {@link #start} attaches to it instead of starting a
 * second one; {@link #startedHere()} tells which, and {@link #close()} stops only a
 * server this object started.
 */
public final class EmbeddedPostgres implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedPostgres.class);

    /** The superuser the cluster is created with. */
    public static final String USER = "weir";

    /** The database Weir's services use. */
    public static final String DATABASE = "weir";

    private static final Duration START_TIMEOUT = Duration.ofMinutes(2);

    private final Path home;

    private final Path binaries;

    private final int port;

    private final String password;

    private final boolean startedHere;

    private volatile boolean stopped;

    private EmbeddedPostgres(Path home, Path binaries, int port, String password, boolean startedHere) {
        this.home = home;
        this.binaries = binaries;
        this.port = port;
        this.password = password;
        this.startedHere = startedHere;
    }

    /**
     * Starts (creating it on first use) or attaches to the cluster in {@code home}, and
     * makes sure the {@link #DATABASE} database exists.
     * @param home the directory holding the cluster; created if missing
     * @param port the port to listen on when starting; an already running server keeps
     * its own port
     * @param cacheDir where the server binaries are unpacked, shared by all clusters
     */
    public static EmbeddedPostgres start(Path home, int port, Path cacheDir) {
        try {
            Files.createDirectories(home);
            Path binaries = PostgresBinaries.install(cacheDir);
            Path data = home.resolve("data");
            String password = passwordOf(home);
            if (!Files.exists(home.resolve("initialised"))) {
                initdb(binaries, home, data);
            }
            Optional<Integer> runningPort = runningPort(data);
            EmbeddedPostgres postgres;
            if (runningPort.isPresent()) {
                log.info("Attaching to the PostgreSQL already running on {} (port {})", data, runningPort.get());
                postgres = new EmbeddedPostgres(home, binaries, runningPort.get(), password, false);
            }
            else {
                log.info("Starting PostgreSQL on 127.0.0.1:{} with its data in {}", port, data);
                run(binaries, home,
                        List.of(bin(binaries, "pg_ctl"), "-D", data.toString(), "-l",
                                home.resolve("postgres.log").toString(), "-w", "-t",
                                Long.toString(START_TIMEOUT.toSeconds()), "-o", "-p " + port, "start"));
                postgres = new EmbeddedPostgres(home, binaries, port, password, true);
            }
            postgres.createDatabase();
            return postgres;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + home, ex);
        }
    }

    public String jdbcUrl() {
        return jdbcUrl(DATABASE);
    }

    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + this.port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return this.password;
    }

    public int port() {
        return this.port;
    }

    /**
     * Whether this object started the server (rather than attaching to a running one).
     */
    public boolean startedHere() {
        return this.startedHere;
    }

    /**
     * Stops the server if this object started it; leaves a server it attached to running.
     */
    @Override
    public void close() {
        if (this.startedHere) {
            stop();
        }
    }

    /**
     * Stops the server, whoever started it (fast shutdown: open transactions roll back).
     */
    public synchronized void stop() {
        if (this.stopped) {
            return;
        }
        this.stopped = true;
        try {
            run(this.binaries, this.home, List.of(bin(this.binaries, "pg_ctl"), "-D",
                    this.home.resolve("data").toString(), "-m", "fast", "-w", "-t", "60", "stop"));
            log.info("PostgreSQL stopped");
        }
        catch (IOException | IllegalStateException ex) {
            log.warn("Could not stop PostgreSQL cleanly: {}", ex.getMessage());
        }
    }

    private void createDatabase() {
        try (Connection connection = DriverManager.getConnection(jdbcUrl("postgres"), USER, this.password);
                Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE " + DATABASE);
            }
        }
        catch (SQLException ex) {
            if (!"42P04".equals(ex.getSQLState())) {
                throw new IllegalStateException("Could not create the database " + DATABASE + ": " + ex.getMessage(),
                        ex);
            }
        }
    }

    private static void initdb(Path binaries, Path home, Path data) throws IOException {
        // A cluster without the marker was never completely created (initdb was killed):
        // start over.
        PostgresBinaries.deleteTree(data);
        Path passwordFile = home.resolve("password");
        log.info("Creating a PostgreSQL cluster in {}", data);
        run(binaries, home,
                List.of(bin(binaries, "initdb"), "-D", data.toString(), "-U", USER, "--pwfile=" + passwordFile,
                        "--auth-host=scram-sha-256", "--auth-local=scram-sha-256", "-E", "UTF8", "--locale=C",
                        "--no-instructions"));
        Files.writeString(data.resolve("postgresql.conf"), """

                # Written by Weir: loopback only, no Unix socket (its path could be too long), sized for a laptop.
                listen_addresses = '127.0.0.1'
                unix_socket_directories = ''
                max_connections = 200
                shared_buffers = 256MB
                work_mem = 16MB
                maintenance_work_mem = 256MB
                max_wal_size = 2GB
                """, StandardOpenOption.APPEND);
        Files.writeString(home.resolve("initialised"), "");
    }

    private static String passwordOf(Path home) throws IOException {
        Path file = home.resolve("password");
        if (Files.exists(file)) {
            return Files.readString(file).strip();
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        Path staging = home.resolve("password.new");
        Files.deleteIfExists(staging);
        Files.createFile(staging, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(staging, password);
        Files.move(staging, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        return password;
    }

    /**
     * The port of a live postmaster on {@code data}, read from its
     * {@code postmaster.pid}.
     */
    private static Optional<Integer> runningPort(Path data) throws IOException {
        Path pidFile = data.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.size() < 4) {
            return Optional.empty();
        }
        long pid = Long.parseLong(lines.get(0).strip());
        boolean alive = ProcessHandle.of(pid)
            .filter(ProcessHandle::isAlive)
            .flatMap((process) -> process.info().command())
            .map((command) -> command.endsWith("postgres"))
            .orElse(false);
        return alive ? Optional.of(Integer.parseInt(lines.get(3).strip())) : Optional.empty();
    }

    private static String bin(Path binaries, String program) {
        return binaries.resolve("bin").resolve(program).toString();
    }

    private static void run(Path binaries, Path home, List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (runningAsRoot()) {
            // PostgreSQL will not run as root; inside a user namespace it is uid 1000 yet
            // owns root's files.
            full.addAll(List.of("unshare", "--user", "--map-user=1000", "--map-group=1000"));
        }
        full.addAll(command);
        Path output = Files.createTempFile(home, "pg-command", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
            process.getOutputStream().close();
            if (!process.waitFor(START_TIMEOUT.toSeconds() + 30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("Timed out: " + String.join(" ", command));
            }
            if (process.exitValue() != 0) {
                String text = Files.readString(output, StandardCharsets.UTF_8);
                Path logFile = home.resolve("postgres.log");
                String serverLog = Files.exists(logFile) ? tail(Files.readString(logFile)) : "";
                throw new IllegalStateException("PostgreSQL command failed (exit " + process.exitValue() + "): "
                        + String.join(" ", command) + "\n" + text + serverLog);
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while running " + command.get(0), ex);
        }
        finally {
            Files.deleteIfExists(output);
        }
    }

    private static String tail(String text) {
        return text.length() > 2000 ? text.substring(text.length() - 2000) : text;
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        }
        catch (IOException | UnsupportedOperationException ex) {
            return false;
        }
    }

}
