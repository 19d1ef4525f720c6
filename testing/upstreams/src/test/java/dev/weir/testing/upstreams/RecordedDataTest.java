package dev.weir.testing.upstreams;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class RecordedDataTest {

    @Test
    void findsTheDataFolderInsideTheRepositoryNeverBesideIt(@TempDir Path work) throws Exception {
        Path repository = Files.createDirectories(work.resolve("weir"));
        Files.createFile(repository.resolve("mvnw"));
        Path data = Files.createDirectories(repository.resolve("data"));
        Files.createDirectories(work.resolve("shared/data"));
        Path module = Files.createDirectories(repository.resolve("testing/upstreams"));
        assertThat(RecordedData.locate(module)).isEqualTo(data);
    }

    @Test
    void saysWhereItLookedAndHowToNameTheFolder(@TempDir Path work) throws Exception {
        assertThatIllegalStateException().isThrownBy(() -> RecordedData.locate(work))
            .withMessageContaining("No repository root")
            .withMessageContaining("--data DIR");
        Files.createFile(work.resolve("mvnw"));
        assertThatIllegalStateException().isThrownBy(() -> RecordedData.locate(work))
            .withMessageContaining("has no data/ folder")
            .withMessageContaining("--slice");
        assertThatIllegalStateException().isThrownBy(() -> RecordedData.file(work, "fhrs/json/authorities.json"))
            .withMessageContaining(work.resolve("fhrs/json/authorities.json").toString());
    }

}
