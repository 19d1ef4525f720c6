package dev.weir.edge.system;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The edge's secrets (API keys, client secrets): 32 random bytes, kept only as SHA-256.
 * They are random, not chosen by people, so a slow password hash would add latency to
 * every call and no protection (see docs/design/edge-auth.md).
 */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** 32 random bytes, base64url without padding (43 characters). */
    public static String random() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** {@code n} random bytes as lower-case hex. */
    public static String hex(int n) {
        byte[] bytes = new byte[n];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The SHA-256 of the secret's UTF-8 bytes. */
    public static byte[] hash(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Whether {@code secret} hashes to {@code hash}, in constant time. */
    public static boolean matches(String secret, byte[] hash) {
        return MessageDigest.isEqual(hash(secret), hash);
    }

}
