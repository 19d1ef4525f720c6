package dev.weir.analytics.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * With {@code weir.analytics.reader.ensure} (what {@code weir up} sets), the database
 * user the service is given is used once, at start, to create the read-only login role
 * ({@link WarehouseReader}) or set its password, which is kept in
 * {@code weir.analytics.reader.password-file} (generated when missing, readable by its
 * owner only); the pool then connects as that role only. When the given user may not
 * create roles, the service warns and reads as the given user (its connections still
 * read-only).
 */
final class ReaderLogin {

    private static final Logger log = LoggerFactory.getLogger(ReaderLogin.class);

    private ReaderLogin() {
    }

    /**
     * Who to connect as.
     *
     * @param user the role
     * @param password its password
     */
    record Login(String user, String password) {
    }

    /**
     * Creates the read-only role (or sets its password) as {@code user}, and answers it;
     * or answers {@code user} itself when that fails.
     */
    static Login ensure(String url, String user, String password, String login, Path passwordFile) {
        String loginPassword = password(passwordFile);
        try (Connection admin = DriverManager.getConnection(url, user, password)) {
            WarehouseReader.ensure(admin, login, loginPassword);
            log.info("Reading the warehouse as the read-only role {}", login);
            return new Login(login, loginPassword);
        }
        catch (SQLException ex) {
            log.warn("The read-only role {} could not be created ({}); reading the warehouse as {}. "
                    + "Create it as docs/analytics.md says.", login, ex.getMessage(), user);
            return new Login(user, password);
        }
    }

    /** The password in {@code file}, generated when there is none. */
    static String password(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            Files.createDirectories(file.toAbsolutePath().getParent());
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, password);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            catch (UnsupportedOperationException ex) {
                // not a POSIX file system: the directory's permissions apply
            }
            return password;
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
