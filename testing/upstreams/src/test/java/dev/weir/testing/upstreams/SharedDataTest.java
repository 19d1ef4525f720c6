package dev.weir.testing.upstreams;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class SharedDataTest {

    @Test
    void findsTheSharedDataNextToTheRepositoryRoot(@TempDir Path work) throws Exception {
        Path repository = Files.createDirectories(work.resolve("wt-x"));
        Files.createFile(repository.resolve("mvnw"));
        Path module = Files.createDirectories(repository.resolve("testing/upstreams"));
        Path data = Files.createDirectories(work.resolve("shared/data"));
        assertThat(SharedData.locate(null, null, module)).isEqualTo(data);
    }

    @Test
    void prefersThePropertyThenTheEnvironment(@TempDir Path dir) {
        assertThat(SharedData.locate(dir.toString(), "/nowhere", Path.of("/"))).isEqualTo(dir);
        assertThat(SharedData.locate(null, dir.toString(), Path.of("/"))).isEqualTo(dir);
    }

    @Test
    void saysWhereItLookedAndHowToPointAtTheData(@TempDir Path work) throws Exception {
        Files.createFile(work.resolve("mvnw"));
        assertThatIllegalStateException().isThrownBy(() -> SharedData.locate(null, null, work))
            .withMessageContaining("does not exist")
            .withMessageContaining("WEIR_SHARED_DATA");
        assertThatIllegalStateException()
            .isThrownBy(() -> SharedData.locate(null, work.resolve("gone").toString(), work))
            .withMessageContaining("the environment variable WEIR_SHARED_DATA");
    }

}
