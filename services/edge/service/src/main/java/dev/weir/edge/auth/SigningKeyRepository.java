package dev.weir.edge.auth;

import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.RSAKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The signing keys in {@code edge.signing_key}. */
@Repository
class SigningKeyRepository {

    private final JdbcClient jdbc;

    SigningKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Every key, newest activation first. */
    List<SigningKey> all() {
        return this.jdbc
            .sql("SELECT kid, private_key, public_key, created_at, activates_at FROM edge.signing_key "
                    + "ORDER BY activates_at DESC, created_at DESC")
            .query((rs, n) -> new SigningKey(rsaKey(rs.getString(1), rs.getBytes(2), rs.getBytes(3)),
                    rs.getTimestamp(4).toInstant(), rs.getTimestamp(5).toInstant()))
            .list();
    }

    void insert(SigningKey key) {
        try {
            this.jdbc
                .sql("INSERT INTO edge.signing_key (kid, private_key, public_key, created_at, activates_at) "
                        + "VALUES (?, ?, ?, ?, ?)")
                .params(key.kid(), key.key().toRSAPrivateKey().getEncoded(), key.key().toRSAPublicKey().getEncoded(),
                        Timestamp.from(key.createdAt()), Timestamp.from(key.activatesAt()))
                .update();
        }
        catch (JOSEException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Deletes the keys no token that is still valid can have been signed with. */
    int deleteAll(List<String> kids) {
        if (kids.isEmpty()) {
            return 0;
        }
        return this.jdbc.sql("DELETE FROM edge.signing_key WHERE kid IN (:kids)").param("kids", kids).update();
    }

    /** Whether any key exists. */
    boolean any() {
        return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM edge.signing_key)").query(Boolean.class).single();
    }

    /**
     * Serialises first starts of several replicas: a transaction-scoped advisory lock.
     */
    void lockForFirstKey() {
        this.jdbc.sql("SELECT pg_advisory_xact_lock(hashtext('weir.edge.signing_key'))").query().singleValue();
    }

    private static RSAKey rsaKey(String kid, byte[] privateKey, byte[] publicKey) {
        try {
            KeyFactory rsa = KeyFactory.getInstance("RSA");
            return new RSAKey.Builder((RSAPublicKey) rsa.generatePublic(new X509EncodedKeySpec(publicKey)))
                .privateKey((RSAPrivateKey) rsa.generatePrivate(new PKCS8EncodedKeySpec(privateKey)))
                .keyID(kid)
                .build();
        }
        catch (java.security.GeneralSecurityException ex) {
            throw new IllegalStateException("Signing key " + kid + " cannot be read", ex);
        }
    }

    static Instant now() {
        return Instant.now();
    }

}
