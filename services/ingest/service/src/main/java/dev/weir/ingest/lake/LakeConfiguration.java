package dev.weir.ingest.lake;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.ingest.push.StreamCatalog;
import dev.weir.ingest.system.IngestProperties;

/** The lake's storage, from its URI, and its writer (unless turned off). */
@Configuration(proxyBeanMethods = false)
class LakeConfiguration {

    @Bean(destroyMethod = "close")
    LakeStorage lakeStorage(IngestProperties properties) throws IOException {
        URI uri = properties.lakeUri();
        return switch ((uri.getScheme() != null) ? uri.getScheme() : "") {
            case "file" -> new FileLakeStorage(Path.of(uri));
            case "s3" -> new S3LakeStorage(uri, properties.lake().s3(),
                    properties.dataDir().toAbsolutePath().resolve("lake-staging"));
            default -> throw new IllegalArgumentException(
                    "weir.ingest.lake.uri (WEIR_LAKE_URI) must be file:///path or s3://bucket/prefix, not " + uri);
        };
    }

    @Bean
    @ConditionalOnBooleanProperty(name = "weir.ingest.lake.enabled", matchIfMissing = true)
    LakeWriter lakeWriter(KafkaProperties kafka, IngestProperties properties, LakeStorage storage,
            StreamCatalog streams, LakeMetrics metrics) {
        return new LakeWriter(kafka, properties, storage, streams, metrics);
    }

}
