package dev.weir.edge;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.weir.platform.embedded.EmbeddedPostgres;
import dev.weir.testing.infra.TestPostgres;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code weir up --tls}: a self-signed certificate for localhost, made once as PEM files
 * (the key readable by its owner only), which the edge serves through a Spring Boot SSL
 * bundle, as it would a real certificate.
 */
class EdgeTlsIT {

    @TempDir
    Path dataDir;

    @Test
    void servesTheEdgeOverHttpsFromThePemCertificateItMakesOnce() throws Exception {
        SelfSignedCertificate certificate = SelfSignedCertificate.in(this.dataDir.resolve("tls"));
        assertThat(Files.readString(certificate.certificate())).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(certificate.privateKey())))
            .isEqualTo("rw-------");
        String made = Files.readString(certificate.certificate());
        assertThat(Files.readString(SelfSignedCertificate.in(this.dataDir.resolve("tls")).certificate()))
            .as("made once, then reused")
            .isEqualTo(made);

        EmbeddedPostgres postgres = TestPostgres.server();
        try (ConfigurableApplicationContext edge = EdgeApplication.builder()
            .run("--server.port=0", "--spring.main.banner-mode=off",
                    "--spring.datasource.url=" + TestPostgres.newDatabase(),
                    "--spring.datasource.username=" + postgres.username(),
                    "--spring.datasource.password=" + postgres.password(), "--weir.edge.data-dir=" + this.dataDir,
                    "--server.ssl.bundle=edge",
                    "--spring.ssl.bundle.pem.edge.keystore.certificate=file:" + certificate.certificate(),
                    "--spring.ssl.bundle.pem.edge.keystore.private-key=file:" + certificate.privateKey())) {
            int port = ((WebServerApplicationContext) edge).getWebServer().getPort();
            HttpClient trusting = HttpClient.newBuilder().sslContext(trusting(certificate.certificate())).build();
            HttpResponse<String> jwks = trusting.send(
                    HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/jwks")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(jwks.statusCode()).isEqualTo(200);
            assertThat(jwks.body()).contains("\"kty\":\"RSA\"");
            int plain;
            try {
                plain = HttpClient.newHttpClient()
                    .send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/jwks")).build(),
                            HttpResponse.BodyHandlers.ofString())
                    .statusCode();
            }
            catch (java.io.IOException ex) {
                plain = -1;
            }
            assertThat(plain).as("plain HTTP on the TLS port").isNotEqualTo(200);
        }
    }

    private static SSLContext trusting(Path certificate) throws Exception {
        try (InputStream in = Files.newInputStream(certificate)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            trusted.setCertificateEntry("edge", CertificateFactory.getInstance("X.509").generateCertificate(in));
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
    }

}
