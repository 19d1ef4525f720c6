package dev.weir.ingest.lake;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.weir.ingest.support.IngestIT;
import dev.weir.ingest.support.LakeReader;
import dev.weir.ingest.support.PushClient;
import dev.weir.ingest.support.S3ProxyServer;
import dev.weir.ingest.system.IngestProperties;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;

import static dev.weir.ingest.support.PushClient.body;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The lake on S3 ({@code WEIR_LAKE_URI=s3://bucket/prefix}), against S3Proxy, a real S3
 * API server: pushed events land once, in objects uploaded whole (parts of 16 KB here, so
 * files go up as multipart uploads), each with its row count; read back with DuckDB.
 */
@IngestIT
class S3LakeIT {

    private static final S3ProxyServer S3 = start();

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void lakeOnS3(DynamicPropertyRegistry registry) {
        registry.add("weir.ingest.lake.uri", () -> "s3://lake/raw");
        registry.add("weir.ingest.lake.s3.endpoint", () -> S3.endpoint().toString());
        registry.add("weir.ingest.lake.s3.access-key", () -> S3ProxyServer.ACCESS_KEY);
        registry.add("weir.ingest.lake.s3.secret-key", () -> S3ProxyServer.SECRET_KEY);
        // its own writers, of its own topics: the other contexts of this JVM write theirs
        registry.add("weir.ingest.lake.group", () -> "weir-lake-s3");
        registry.add("weir.ingest.lake.topics", () -> "weir\\.raw\\.s3-.+");
    }

    @AfterAll
    static void stop() throws Exception {
        S3.close();
    }

    @Test
    void pushedEventsLandOnceInS3AsCompleteObjectsWithTheirRowCounts() throws Exception {
        PushClient client = new PushClient(this.port);
        String stream = "s3-rides";
        JsonNode schema = body(client.get("/events/streams/rides")).get("schema");
        assertThat(client
            .put("/events/streams/" + stream,
                    "{\"name\":\"" + stream + "\",\"version\":1,\"key\":\"bike_id\",\"time\":\"at\",\"schema\":"
                            + schema + "}",
                    "application/json")
            .statusCode()).isIn(200, 201);
        List<String> accepted = new ArrayList<>();
        for (int batch = 0; batch < 10; batch++) {
            StringBuilder events = new StringBuilder("[");
            for (int i = 0; i < 500; i++) {
                int n = batch * 500 + i;
                events.append((i > 0) ? "," : "")
                    .append(PushClient.ride("bike-" + (n % 50), "s3-" + n + "-" + Long.toHexString(n * 7919L), n));
            }
            HttpResponse<String> response = client.json(stream, events.append(']').toString());
            assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
            body(response).get("ids").forEach((id) -> accepted.add(id.asString()));
        }

        await("every event listed in the lake").atMost(Duration.ofMinutes(2))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> {
                HttpResponse<String> listed = client.get("/lake/datasets/" + stream);
                return listed.statusCode() == 200 && body(listed).get("rows").asLong() >= accepted.size();
            });
        JsonNode listed = body(client.get("/lake/datasets/" + stream));
        assertThat(listed.get("rows").asLong()).isEqualTo(accepted.size());
        assertThat(body(client.get("/lake")).get("location").asString()).isEqualTo("s3://lake/raw/");

        Path copy = Files.createTempDirectory("weir-test-s3-copy");
        try (S3Client s3 = client()) {
            // (S3Proxy's directory store also lists its directories, as keys ending in /)
            List<S3Object> objects = s3.listObjectsV2((r) -> r.bucket("lake").prefix("raw/"))
                .contents()
                .stream()
                .filter((o) -> !o.key().endsWith("/"))
                .toList();
            assertThat(objects).isNotEmpty()
                .allSatisfy((o) -> assertThat(o.key())
                    .matches("raw/s3-rides/date=2017-07-17/hour=08/weir\\.raw\\.s3-rides-[0-2]-\\d+\\.parquet"));
            assertThat(objects).as("some went up in parts")
                .anySatisfy((o) -> assertThat(o.size()).isGreaterThan(16384));
            for (S3Object object : objects) {
                Path local = copy.resolve(object.key().substring("raw/".length()));
                Files.createDirectories(local.getParent());
                s3.getObject((r) -> r.bucket("lake").key(object.key()), local);
            }
        }
        List<String> ids = LakeReader.eventIds(copy, stream);
        assertThat(ids).hasSize(accepted.size()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(accepted));
    }

    @Test
    void aFileLargerThanAPartGoesUpInPartsAndAppearsOnlyWhole() throws Exception {
        IngestProperties.S3 settings = new IngestProperties.S3(S3.endpoint().toString(), "us-east-1", true,
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, DataSize.ofMegabytes(5));
        Path staging = Files.createTempDirectory("weir-test-s3-staging");
        try (S3LakeStorage storage = new S3LakeStorage(java.net.URI.create("s3://lake/parts"), settings, staging)) {
            byte[] content = new byte[12 * 1024 * 1024 + 123];
            new java.util.Random(42).nextBytes(content);
            String key = "big/date=2017-07-17/hour=08/weir.raw.big-0-0.parquet";
            Path staged = storage.stage(key);
            Files.write(staged, content);
            assertThat(storage.list("big/")).as("nothing visible before it is published").isEmpty();

            storage.publish(key, staged, 42);

            assertThat(storage.list("big/")).containsExactly(new LakeStorage.LakeFile(key, content.length, 42));
            assertThat(staged).as("the local copy is gone").doesNotExist();
            try (S3Client s3 = client()) {
                assertThat(s3.getObjectAsBytes((r) -> r.bucket("lake").key("parts/" + key)).asByteArray())
                    .isEqualTo(content);
                assertThat(s3.listMultipartUploads((r) -> r.bucket("lake")).uploads()).isEmpty();
            }
        }
    }

    private static S3Client client() {
        return S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .endpointOverride(S3.endpoint())
            .region(Region.US_EAST_1)
            .forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY)))
            .build();
    }

    private static S3ProxyServer start() {
        try {
            return S3ProxyServer.start("lake");
        }
        catch (Exception ex) {
            throw new IllegalStateException("Could not start S3Proxy", ex);
        }
    }

}
