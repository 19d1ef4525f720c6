package dev.weir.edge.auth;

import java.time.Instant;

import com.nimbusds.jose.jwk.RSAKey;

/**
 * An RSA key the edge signs tokens with.
 *
 * @param key the key pair, with its key id
 * @param createdAt when it was published
 * @param activatesAt from when it may sign
 */
record SigningKey(RSAKey key, Instant createdAt, Instant activatesAt) {

    String kid() {
        return this.key.getKeyID();
    }

}
