package dev.weir.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WeirUrlsTest {

    @Test
    void withoutAUrlEveryServiceIsReachedThroughTheEdgeOfTheLocalWeirUp() {
        assertThat(new WeirUrls(Map.of()).ingest()).hasToString("http://localhost:8080");
        assertThat(new WeirUrls(Map.of("WEIR_EDGE_PORT", "18180", "WEIR_INGEST_PORT", "18182")).ingest())
            .hasToString("http://localhost:18180");
        assertThat(new WeirUrls(Map.of("WEIR_EDGE_PORT", "18180", "WEIR_PIPELINE_PORT", "18183")).pipeline())
            .hasToString("http://localhost:18180");
    }

    @Test
    void aUrlGivenIsWhereEveryServiceIsReached() {
        WeirUrls urls = new WeirUrls(Map.of("WEIR_INGEST_PORT", "18182"));
        urls.url = "https://weir.example.com/";

        assertThat(urls.ingest()).hasToString("https://weir.example.com");
        assertThat(urls.pipeline()).hasToString("https://weir.example.com");
        assertThat(urls.edge()).hasToString("https://weir.example.com");
    }

    @Test
    void theAdminKeyIsTheFileGivenElseWeirAdminKeyElseTheOneWeirUpWroteIntoTheDataDirectory(@TempDir Path dir)
            throws Exception {
        Path dataDir = Files.createDirectories(dir.resolve("data"));
        assertThat(new WeirUrls(Map.of("WEIR_DATA_DIR", dataDir.toString())).adminKey()).as("none yet").isNull();
        Files.writeString(dataDir.resolve("admin.key"), "weir_written\n");
        assertThat(new WeirUrls(Map.of("WEIR_DATA_DIR", dataDir.toString())).adminKey()).isEqualTo("weir_written");
        assertThat(new WeirUrls(Map.of("WEIR_DATA_DIR", dataDir.toString(), "WEIR_ADMIN_KEY", "weir_given")).adminKey())
            .isEqualTo("weir_given");
        WeirUrls withFile = new WeirUrls(Map.of("WEIR_DATA_DIR", dataDir.toString(), "WEIR_ADMIN_KEY", "weir_given"));
        withFile.adminKeyFile = Files.writeString(dir.resolve("key"), "weir_file");
        assertThat(withFile.adminKey()).isEqualTo("weir_file");
    }

}
