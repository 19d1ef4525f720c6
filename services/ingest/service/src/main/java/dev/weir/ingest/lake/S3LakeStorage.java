package dev.weir.ingest.lake;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.CompletedMultipartUpload;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Object;

import dev.weir.ingest.system.IngestProperties;

/**
 * The lake in a bucket of S3 or an S3-compatible store (MinIO, S3Proxy...), under a
 * prefix. A file is written locally, then uploaded in one {@code PUT}, or, above the part
 * size, as a multipart upload that is completed only after its last part: an object
 * appears whole or not at all. Each object carries its row count
 * ({@code x-amz-meta-weir-rows}).
 */
final class S3LakeStorage implements LakeStorage {

    static final String ROWS = "weir-rows";

    static final long MIN_PART = 5L * 1024 * 1024;

    private final S3Client s3;

    private final String bucket;

    private final String prefix;

    private final long partSize;

    private final Path staging;

    S3LakeStorage(URI uri, IngestProperties.S3 settings, Path staging) throws IOException {
        this.bucket = uri.getHost();
        if (this.bucket == null || this.bucket.isBlank()) {
            throw new IllegalArgumentException("The lake URI " + uri + " names no bucket (s3://bucket/prefix)");
        }
        String path = (uri.getPath() != null) ? uri.getPath().replaceAll("^/+|/+$", "") : "";
        this.prefix = path.isEmpty() ? "" : path + "/";
        // S3 (and S3Proxy) refuse parts under 5 MB, except the last
        this.partSize = Math.max(MIN_PART, settings.partSize().toBytes());
        this.staging = Files.createDirectories(staging);
        S3ClientBuilder builder = S3Client.builder()
            .httpClient(UrlConnectionHttpClient.create())
            .region(Region.of(settings.region()))
            .forcePathStyle(settings.pathStyle())
            // S3-compatible stores do not all know the newer default checksums
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (settings.endpoint() != null && !settings.endpoint().isBlank()) {
            builder.endpointOverride(URI.create(settings.endpoint()));
        }
        if (settings.accessKey() != null && !settings.accessKey().isBlank()) {
            builder.credentialsProvider(StaticCredentialsProvider
                .create(AwsBasicCredentials.create(settings.accessKey(), settings.secretKey())));
        }
        else {
            builder.credentialsProvider(DefaultCredentialsProvider.builder().build());
        }
        this.s3 = builder.build();
    }

    @Override
    public Path stage(String key) throws IOException {
        return Files.createTempFile(this.staging, "lake-", ".parquet.tmp");
    }

    @Override
    public void publish(String key, Path staged, long rows) throws IOException {
        String object = this.prefix + key;
        Map<String, String> metadata = Map.of(ROWS, Long.toString(rows));
        long size = Files.size(staged);
        try {
            if (size <= this.partSize) {
                this.s3.putObject((r) -> r.bucket(this.bucket).key(object).metadata(metadata),
                        RequestBody.fromFile(staged));
            }
            else {
                multipart(object, staged, size, metadata);
            }
        }
        catch (SdkException ex) {
            throw new IOException("Could not upload s3://" + this.bucket + "/" + object + ": " + ex.getMessage(), ex);
        }
        finally {
            Files.deleteIfExists(staged);
        }
    }

    private void multipart(String object, Path staged, long size, Map<String, String> metadata) throws IOException {
        String upload = this.s3.createMultipartUpload((r) -> r.bucket(this.bucket).key(object).metadata(metadata))
            .uploadId();
        try (InputStream in = Files.newInputStream(staged)) {
            List<CompletedPart> parts = new ArrayList<>();
            int number = 1;
            for (long offset = 0; offset < size; offset += this.partSize, number++) {
                long length = Math.min(this.partSize, size - offset);
                byte[] part = in.readNBytes((int) length);
                int partNumber = number;
                String etag = this.s3
                    .uploadPart((r) -> r.bucket(this.bucket).key(object).uploadId(upload).partNumber(partNumber),
                            RequestBody.fromBytes(part))
                    .eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
            }
            this.s3.completeMultipartUpload((r) -> r.bucket(this.bucket)
                .key(object)
                .uploadId(upload)
                .multipartUpload(CompletedMultipartUpload.builder().parts(parts).build()));
        }
        catch (IOException | RuntimeException ex) {
            this.s3.abortMultipartUpload((r) -> r.bucket(this.bucket).key(object).uploadId(upload));
            throw ex;
        }
    }

    @Override
    public List<LakeFile> list(String under) throws IOException {
        List<LakeFile> files = new ArrayList<>();
        try {
            for (S3Object object : this.s3
                .listObjectsV2Paginator((r) -> r.bucket(this.bucket).prefix(this.prefix + under))
                .contents()) {
                String key = object.key().substring(this.prefix.length());
                String name = key.substring(key.lastIndexOf('/') + 1);
                if (!name.endsWith(".parquet") || name.startsWith(".")) {
                    continue;
                }
                HeadObjectResponse head = this.s3.headObject((r) -> r.bucket(this.bucket).key(object.key()));
                String rows = head.metadata().get(ROWS);
                files.add(new LakeFile(key, object.size(), (rows != null) ? Long.parseLong(rows) : -1));
            }
        }
        catch (SdkException ex) {
            throw new IOException(
                    "Could not list s3://" + this.bucket + "/" + this.prefix + under + ": " + ex.getMessage(), ex);
        }
        files.sort(java.util.Comparator.comparing(LakeFile::key));
        return files;
    }

    @Override
    public void cleanUp() throws IOException {
        try {
            for (MultipartUpload upload : this.s3
                .listMultipartUploadsPaginator((r) -> r.bucket(this.bucket).prefix(this.prefix))
                .uploads()) {
                this.s3
                    .abortMultipartUpload((r) -> r.bucket(this.bucket).key(upload.key()).uploadId(upload.uploadId()));
            }
        }
        catch (SdkException ex) {
            throw new IOException("Could not clean up unfinished uploads: " + ex.getMessage(), ex);
        }
        try (var leftovers = Files.list(this.staging)) {
            for (Path leftover : leftovers.toList()) {
                Files.deleteIfExists(leftover);
            }
        }
    }

    @Override
    public String location() {
        return "s3://" + this.bucket + "/" + this.prefix;
    }

    @Override
    public void close() {
        this.s3.close();
    }

}
