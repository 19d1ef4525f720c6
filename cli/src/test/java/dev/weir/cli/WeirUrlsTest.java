package dev.weir.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WeirUrlsTest {

    @Test
    void withoutAUrlEachServiceIsTheLocalWeirUpOnItsPort() {
        assertThat(new WeirUrls(Map.of()).ingest()).hasToString("http://localhost:8082");
        assertThat(new WeirUrls(Map.of("WEIR_INGEST_PORT", "18182")).ingest()).hasToString("http://localhost:18182");
        assertThat(new WeirUrls(Map.of()).pipeline()).hasToString("http://localhost:8083");
        assertThat(new WeirUrls(Map.of("WEIR_PIPELINE_PORT", "18183")).pipeline())
            .hasToString("http://localhost:18183");
    }

    @Test
    void aUrlGivenIsWhereEveryServiceIsReached() {
        WeirUrls urls = new WeirUrls(Map.of("WEIR_INGEST_PORT", "18182"));
        urls.url = "https://weir.example.com/";

        assertThat(urls.ingest()).hasToString("https://weir.example.com");
        assertThat(urls.pipeline()).hasToString("https://weir.example.com");
    }

}
