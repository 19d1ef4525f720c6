package dev.weir.edge.auth;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Secrets;

/**
 * The keys the edge signs tokens with, shared by every replica through PostgreSQL, and
 * their rotation without downtime: a new key is published at once but signs only after
 * {@code weir.edge.signing-keys.propagation}, so every replica and service can learn it
 * first; the key it replaces stays published until every token it signed has expired. The
 * newest key past its activation signs.
 */
@Service
public class SigningKeys {

    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);

    private final SigningKeyRepository repository;

    private final TransactionTemplate transactions;

    private final EdgeProperties properties;

    private final Clock clock;

    private volatile View view;

    SigningKeys(SigningKeyRepository repository, TransactionTemplate transactions, EdgeProperties properties,
            Clock clock) {
        this.repository = repository;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /** The key that signs now (its private part included). */
    public RSAKey active() {
        return view().active().key();
    }

    /** The public keys a token of the edge may be signed with: the JWKS. */
    public JWKSet published() {
        return view().published();
    }

    /** Every key, as the admin API lists it. */
    public List<SigningKeyView> list() {
        View current = view();
        Instant now = this.clock.instant();
        return this.repository.all().stream().map((key) -> {
            String state = key.kid().equals(current.active().kid()) ? "active" : key.activatesAt().isAfter(now)
                    ? "published" : (current.published().getKeyByKeyId(key.kid()) != null) ? "retiring" : "retired";
            return new SigningKeyView(key.kid(), state, key.createdAt(), key.activatesAt());
        }).toList();
    }

    /**
     * Publishes a new key that starts signing after the propagation time, and returns it.
     */
    public SigningKeyView rotate() {
        Instant now = this.clock.instant();
        SigningKey key = newKey(now, now.plus(this.properties.signingKeys().propagation()));
        this.repository.insert(key);
        log.info("New signing key {} published; it signs from {}", key.kid(), key.activatesAt());
        reload();
        return new SigningKeyView(key.kid(), "published", key.createdAt(), key.activatesAt());
    }

    /**
     * Reads the keys again: what other replicas rotated, what has activated or expired.
     */
    @Scheduled(fixedDelayString = "${weir.edge.signing-keys.reload:30s}",
            initialDelayString = "${weir.edge.signing-keys.reload:30s}")
    public void reload() {
        List<SigningKey> keys = this.repository.all();
        if (keys.isEmpty()) {
            this.transactions.executeWithoutResult((tx) -> {
                this.repository.lockForFirstKey();
                if (!this.repository.any()) {
                    Instant now = this.clock.instant();
                    SigningKey first = newKey(now, now);
                    this.repository.insert(first);
                    log.info("First signing key {} created", first.kid());
                }
            });
            keys = this.repository.all();
        }
        this.view = view(keys, this.clock.instant());
    }

    private View view() {
        View current = this.view;
        if (current == null) {
            synchronized (this) {
                if (this.view == null) {
                    reload();
                }
                current = this.view;
            }
        }
        else if (current.nextChange() != null && !this.clock.instant().isBefore(current.nextChange())) {
            // a published key activates, or a retired one expires: no need to wait for
            // the reload
            this.view = view(current.keys(), this.clock.instant());
            current = this.view;
        }
        return current;
    }

    /**
     * Which key signs, and which are published, at {@code now}: keys are ordered newest
     * activation first.
     */
    private View view(List<SigningKey> keys, Instant now) {
        Duration retention = this.properties.tokens().longest().plus(this.properties.tokens().clockSkew());
        SigningKey active = null;
        List<JWK> published = new ArrayList<>();
        List<String> expired = new ArrayList<>();
        Instant nextChange = null;
        Instant successorActivated = null;
        for (SigningKey key : keys) {
            if (key.activatesAt().isAfter(now)) {
                published.add(key.key().toPublicJWK());
                nextChange = earliest(nextChange, key.activatesAt());
                continue;
            }
            if (active == null) {
                active = key;
                published.add(key.key().toPublicJWK());
            }
            else {
                Instant until = successorActivated.plus(retention);
                if (until.isAfter(now)) {
                    published.add(key.key().toPublicJWK());
                    nextChange = earliest(nextChange, until);
                }
                else {
                    expired.add(key.kid());
                }
            }
            successorActivated = key.activatesAt();
        }
        if (active == null) {
            // only keys still waiting to activate (a clock far behind): the earliest
            // signs
            active = keys.get(keys.size() - 1);
        }
        if (!expired.isEmpty()) {
            this.repository.deleteAll(expired);
            log.info("Signing keys {} expired: no valid token can carry them", expired);
        }
        return new View(keys, active, new JWKSet(published), nextChange);
    }

    private static Instant earliest(Instant a, Instant b) {
        return (a == null || b.isBefore(a)) ? b : a;
    }

    private static SigningKey newKey(Instant createdAt, Instant activatesAt) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            RSAKey key = new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                .privateKey((RSAPrivateKey) pair.getPrivate())
                .keyID(Secrets.hex(8))
                .build();
            return new SigningKey(key, createdAt, activatesAt);
        }
        catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private record View(List<SigningKey> keys, SigningKey active, JWKSet published, Instant nextChange) {
    }

}
