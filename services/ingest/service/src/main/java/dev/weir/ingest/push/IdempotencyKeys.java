package dev.weir.ingest.push;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;

import org.springframework.stereotype.Service;

import dev.weir.ingest.system.IngestProperties;

/**
 * The {@code Idempotency-Key} protocol (docs/design/lake-commits.md §2), a key being its
 * caller's own (the subject of its token): the first request with a key claims it and
 * stores its answer once its events are acknowledged; a retry gets that answer again and
 * produces nothing. A retry while the first is still running gets a 409; one after its
 * holder died (the lease passed) takes the key over, and since the ids Weir assigns to a
 * keyed batch derive from the key, what it writes again carries the same ids.
 */
@Service
public class IdempotencyKeys {

    /** The longest key taken. */
    static final int MAX_KEY_LENGTH = 200;

    private final IdempotencyKeyRepository keys;

    private final Duration ttl;

    private final Duration lease;

    IdempotencyKeys(IdempotencyKeyRepository keys, IngestProperties properties) {
        this.keys = keys;
        this.ttl = properties.push().idempotencyTtl();
        this.lease = properties.push().idempotencyLease();
    }

    /**
     * Claims the key for this request.
     * @return the stored answer of the first request with it, or null: go on (and
     * {@link #complete} or {@link #release} it)
     * @throws PushFailure 409 while the first is running, 422 if the key was used for
     * another request
     */
    Stored claim(String stream, String caller, String key, String requestHash) {
        if (this.keys.claim(stream, caller, key, requestHash, this.ttl)) {
            return null;
        }
        IdempotencyKeyRepository.Row row = this.keys.find(stream, caller, key).orElse(null);
        if (row == null) {
            // purged between the two statements: claim it again
            return this.keys.claim(stream, caller, key, requestHash, this.ttl) ? null : claimTaken(key);
        }
        if (!row.requestHash().equals(requestHash)) {
            throw PushFailure.keyReused(key);
        }
        if ("done".equals(row.state())) {
            return new Stored(row.status(), row.answer());
        }
        if (row.createdAt().plus(this.lease).isBefore(Instant.now())
                && this.keys.takeOver(stream, caller, key, row.createdAt())) {
            return null;
        }
        throw PushFailure.keyInUse(key);
    }

    void complete(String stream, String caller, String key, int status, String answer) {
        this.keys.complete(stream, caller, key, status, answer);
    }

    void release(String stream, String caller, String key) {
        this.keys.release(stream, caller, key);
    }

    /** Deletes expired keys, at most {@code batch}; how many. */
    public int purge(int batch) {
        return this.keys.purge(batch);
    }

    /**
     * The id Weir gives event {@code index} of a batch {@code caller} sent with
     * {@code key} (two callers' keys are apart, and so are their events' ids; with no
     * caller, as before keys were the caller's own).
     */
    static String eventId(String stream, String caller, String key, int index) {
        String name = stream + '\u0000' + (caller.isEmpty() ? "" : caller + '\u0000') + key + '\u0000' + index;
        return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
    }

    /** A request's fingerprint: what a retry must repeat. */
    static String hash(PushRequest request) {
        try {
            java.security.MessageDigest digest = java.security.MessageDigest.getInstance("SHA-256");
            digest.update((request.format() + "|" + request.gzip() + "|" + request.partial() + "|"
                    + new java.util.TreeMap<>(request.cloudEventHeaders()) + "|")
                .getBytes(StandardCharsets.UTF_8));
            digest.update(request.body());
            return HexFormat.of().formatHex(digest.digest());
        }
        catch (java.security.NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static Stored claimTaken(String key) {
        throw PushFailure.keyInUse(key);
    }

    /** The answer stored with a key. */
    record Stored(int status, String answer) {
    }

}
