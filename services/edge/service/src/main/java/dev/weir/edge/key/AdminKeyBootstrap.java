package dev.weir.edge.key;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Scopes;
import dev.weir.edge.system.Secrets;

/**
 * The first start: the edge can only be managed with an admin key. {@code WEIR_ADMIN_KEY}
 * ({@code weir.edge.admin-key}, at least 32 characters) becomes it if set, and a previous
 * one set that way is revoked; otherwise, when no admin key is in force, one is generated
 * and written to {@code <data dir>/admin.key}, readable by its owner only, and the log
 * says where.
 */
@Component
class AdminKeyBootstrap {

    /** The name of the admin keys this class creates. */
    static final String ADMIN = "admin";

    static final String FILE = "admin.key";

    private static final Logger log = LoggerFactory.getLogger(AdminKeyBootstrap.class);

    private final ApiKeyService keys;

    private final EdgeProperties properties;

    AdminKeyBootstrap(ApiKeyService keys, EdgeProperties properties) {
        this.keys = keys;
        this.properties = properties;
    }

    @EventListener(ApplicationStartedEvent.class)
    void ensureAdminKey() {
        String given = this.properties.adminKey();
        if (!given.isBlank()) {
            if (given.length() < 32) {
                throw new IllegalStateException(
                        "WEIR_ADMIN_KEY (weir.edge.admin-key) must be at least 32 characters; make one with "
                                + "`openssl rand -base64 32`.");
            }
            String id = "admin_env_" + HexFormat.of().formatHex(Secrets.hash(given)).substring(0, 8);
            if (!this.keys.exists(given)) {
                this.keys.insert(id, ADMIN, given, Set.of(Scopes.ADMIN), null);
            }
            int revoked = this.keys.revokeOthersNamed(ADMIN, id);
            log.info("The admin key is WEIR_ADMIN_KEY ({}){}", id,
                    (revoked > 0) ? "; " + revoked + " earlier admin key(s) revoked" : "");
            return;
        }
        Path file = this.properties.dataDir().resolve(FILE);
        if (this.keys.anyInForceNamed(ADMIN)) {
            log.info("Admin key in force{}", Files.exists(file) ? ", in " + file.toAbsolutePath() : "");
            return;
        }
        CreatedApiKey created = this.keys.create(ADMIN, java.util.List.of(Scopes.ADMIN), null);
        write(file, created.key());
        log.warn("Generated the admin key {} and wrote it to {} (readable by you only). `weir keys` and `weir "
                + "clients` read it from there.", created.apiKey().id(), file.toAbsolutePath());
    }

    private static void write(Path file, String key) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.deleteIfExists(file);
            Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ,
                    PosixFilePermission.OWNER_WRITE);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(ownerOnly));
            }
            catch (UnsupportedOperationException ex) {
                Files.createFile(file);
            }
            Files.writeString(file, key + "\n", StandardOpenOption.TRUNCATE_EXISTING);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not write the admin key to " + file, ex);
        }
    }

}
