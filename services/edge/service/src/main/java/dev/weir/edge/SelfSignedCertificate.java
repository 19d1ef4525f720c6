package dev.weir.edge;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The self-signed certificate of {@code weir up --tls}: an RSA key and a certificate for
 * {@code localhost} and {@code 127.0.0.1}, made once with the JDK's {@code keytool} and
 * kept as PEM files ({@code edge.crt}, {@code edge.key} readable by its owner only) in
 * {@code <data dir>/tls}, which the edge serves through a Spring Boot SSL bundle, as it
 * would serve a real certificate.
 *
 * @param certificate the certificate, PEM
 * @param privateKey the private key, PKCS#8 PEM
 */
record SelfSignedCertificate(Path certificate, Path privateKey) {

    private static final char[] TRANSIENT_PASSWORD = "weir-transient".toCharArray();

    /** The certificate under {@code directory}, made if it is not there yet. */
    static SelfSignedCertificate in(Path directory) throws IOException {
        SelfSignedCertificate files = new SelfSignedCertificate(directory.resolve("edge.crt"),
                directory.resolve("edge.key"));
        if (Files.exists(files.certificate) && Files.exists(files.privateKey)) {
            return files;
        }
        Files.createDirectories(directory);
        Path store = directory.resolve("edge.p12.tmp");
        Files.deleteIfExists(store);
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "edge", "-keyalg",
                "RSA", "-keysize", "2048", "-validity", "825", "-dname", "CN=localhost", "-ext",
                "SAN=dns:localhost,ip:127.0.0.1", "-keystore", store.toString(), "-storetype", "PKCS12", "-storepass",
                new String(TRANSIENT_PASSWORD), "-keypass", new String(TRANSIENT_PASSWORD)))
            .redirectErrorStream(true)
            .start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output.strip());
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while making a certificate", ex);
        }
        try (InputStream in = Files.newInputStream(store)) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, TRANSIENT_PASSWORD);
            Key key = keys.getKey("edge", TRANSIENT_PASSWORD);
            Certificate certificate = keys.getCertificate("edge");
            Files.writeString(files.certificate, pem("CERTIFICATE", certificate.getEncoded()));
            Files.deleteIfExists(files.privateKey);
            try {
                Files.createFile(files.privateKey,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            catch (UnsupportedOperationException ex) {
                Files.createFile(files.privateKey);
            }
            Files.writeString(files.privateKey, pem("PRIVATE KEY", key.getEncoded()));
        }
        catch (GeneralSecurityException ex) {
            throw new IOException("Could not read the certificate keytool made", ex);
        }
        finally {
            Files.deleteIfExists(store);
        }
        return files;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }

}
