package dev.weir.testing.infra;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RepositoryDataTest {

    @Test
    void findsTheDataFolderAtTheRepositoryRootFromAModuleDirectory(@TempDir Path work) throws IOException {
        Path repository = Files.createDirectories(work.resolve("weir"));
        Files.createFile(repository.resolve("mvnw"));
        Path data = Files.createDirectories(repository.resolve("data"));
        Path module = Files.createDirectories(repository.resolve("services/retail/service"));
        Files.createDirectories(work.resolve("data"));

        assertThat(RepositoryData.directory(module)).isEqualTo(data);
        assertThat(RepositoryData.directory(repository)).isEqualTo(data);
    }

    @Test
    void saysThatTheTestsMustRunInsideTheRepositoryWhenNoRootIsAbove(@TempDir Path work) {
        assertThatIllegalStateException().isThrownBy(() -> RepositoryData.directory(work))
            .withMessageContaining("No repository root")
            .withMessageContaining(work.toString());
    }

    @Test
    void saysThatARepositoryWithoutDataIsIncomplete(@TempDir Path work) throws IOException {
        Files.createFile(work.resolve("mvnw"));
        assertThatIllegalStateException().isThrownBy(() -> RepositoryData.directory(work))
            .withMessageContaining("has no data/ folder");
    }

    @Test
    void namesAMissingFileAndRefusesAPathOutsideTheDataFolder(@TempDir Path data) throws IOException {
        Files.writeString(data.resolve("present.csv"), "a,b\n");
        assertThat(RepositoryData.file(data, "present.csv")).isEqualTo(data.resolve("present.csv"));
        assertThatIllegalStateException().isThrownBy(() -> RepositoryData.file(data, "fhrs/absent.json"))
            .withMessageContaining(data.resolve("fhrs/absent.json").toString())
            .withMessageContaining("data/README.md");
        Files.writeString(data.resolveSibling("outside.csv"), "x\n");
        assertThatIllegalStateException().isThrownBy(() -> RepositoryData.file(data, "../outside.csv"));
    }

    @Test
    void everyFileInTheRepositoryDataFolderIsListedInItsReadmeWithItsChecksum() throws Exception {
        Path data = RepositoryData.directory();
        String readme = Files.readString(data.resolve("README.md"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(data)) {
            files = walk.filter(Files::isRegularFile)
                .filter((file) -> !file.equals(data.resolve("README.md")))
                .toList();
        }
        assertThat(files).as("files under %s", data).isNotEmpty();
        for (Path file : files) {
            String relative = data.relativize(file).toString().replace('\\', '/');
            String line = sha256(file) + "  " + relative;
            assertThat(readme.contains(line + "\n"))
                .as("data/README.md must describe %s: its source, licence, how it was cut, and the line '%s' "
                        + "(sha256sum's format; a changed file needs its new sum)", relative, line)
                .isTrue();
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
            in.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

}
