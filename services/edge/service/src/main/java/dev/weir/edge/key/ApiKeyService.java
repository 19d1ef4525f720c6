package dev.weir.edge.key;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;

import dev.weir.edge.auth.EdgeTokens;
import dev.weir.edge.limit.RatePlan;
import dev.weir.edge.system.EdgeProperties;
import dev.weir.edge.system.Scopes;
import dev.weir.edge.system.Secrets;
import dev.weir.platform.error.WeirException;

/**
 * API keys: created with scopes and a rate limit, shown once
 * ({@code wk_<8 hex>_<43 random characters>}), kept as a SHA-256 with the visible prefix,
 * revoked at will. A valid key is exchanged for a short-lived token carrying its scopes,
 * minted once and reused until it nears expiry, so a busy key costs one signature every
 * few minutes.
 * <p>
 * A key looked up is remembered for {@code weir.edge.api-keys.cache-ttl} (unknown keys
 * too, so guessing costs no query each): a revocation on this replica is seen at once, on
 * another one within that time.
 */
@Service
public class ApiKeyService {

    private static final Logger log = LoggerFactory.getLogger(ApiKeyService.class);

    private static final int REMEMBERED = 10_000;

    private final ApiKeyRepository repository;

    private final EdgeTokens tokens;

    private final EdgeProperties properties;

    private final Clock clock;

    /**
     * How long before its expiry a key's token is replaced: once four fifths of its life
     * have passed.
     */
    private final Duration renewBefore;

    private final ConcurrentHashMap<String, Lookup> lookups = new ConcurrentHashMap<>();

    private final ConcurrentHashMap<String, EdgeTokens.MintedToken> minted = new ConcurrentHashMap<>();

    ApiKeyService(ApiKeyRepository repository, EdgeTokens tokens, EdgeProperties properties, Clock clock) {
        this.repository = repository;
        this.tokens = tokens;
        this.properties = properties;
        this.clock = clock;
        this.renewBefore = properties.tokens().internalTtl().dividedBy(5);
    }

    /** Creates a key; the answer carries the key, which is never shown again. */
    public CreatedApiKey create(String name, List<String> scopes, String limit) {
        Set<String> granted = Scopes.checked(scopes);
        String plan = (limit == null || limit.isBlank()) ? null : RatePlan.parse(limit).toString();
        for (int attempt = 0;; attempt++) {
            String prefix = "wk_" + Secrets.hex(4);
            String key = prefix + "_" + Secrets.random();
            try {
                ApiKeyView view = insert(prefix, name, key, granted, plan);
                log.info("API key {} ({}) created with scopes {}", prefix, name, granted);
                return new CreatedApiKey(view, key);
            }
            catch (DuplicateKeyException ex) {
                if (attempt == 3) {
                    throw ex;
                }
                // the prefix was taken: 2^32 of them, another draw
            }
        }
    }

    /** Stores a key whose value is given (the admin key from {@code WEIR_ADMIN_KEY}). */
    ApiKeyView insert(String id, String name, String key, Set<String> scopes, String plan) {
        ApiKeyRepository.StoredKey stored = new ApiKeyRepository.StoredKey(id, name, id, Secrets.hash(key), scopes,
                plan, this.clock.instant(), null);
        this.repository.insert(stored);
        return view(stored);
    }

    public List<ApiKeyView> list() {
        return this.repository.all().stream().map(ApiKeyService::view).toList();
    }

    /** Revokes a key: refused from now on (within the cache time on other replicas). */
    public void revoke(String id) {
        if (!this.repository.revoke(id)) {
            throw WeirException.notFound("API key not found", "There is no API key '" + id + "' in force.");
        }
        this.lookups.clear();
        this.minted.remove("key:" + id);
        log.info("API key {} revoked", id);
    }

    /**
     * What the key grants, or empty when it is unknown or revoked.
     * @param presented the {@code X-API-Key} header's value
     */
    public Optional<KeyGrant> authenticate(String presented) {
        byte[] hash = Secrets.hash(presented);
        String id = HexFormat.of().formatHex(hash);
        Instant now = this.clock.instant();
        Lookup lookup = this.lookups.get(id);
        if (lookup == null || lookup.loadedAt().plus(this.properties.apiKeys().cacheTtl()).isBefore(now)) {
            if (this.lookups.size() >= REMEMBERED) {
                this.lookups.clear();
            }
            Optional<ApiKeyRepository.StoredKey> key = this.repository.findByHash(hash)
                .filter((k) -> k.revokedAt() == null);
            lookup = new Lookup(key, key.map(this::plan).orElse(null), now);
            this.lookups.put(id, lookup);
        }
        Lookup found = lookup;
        return found.key().map((key) -> grant(key, found.plan(), now));
    }

    private RatePlan plan(ApiKeyRepository.StoredKey key) {
        return RatePlan.parse((key.rateLimit() != null) ? key.rateLimit() : this.properties.limits().defaultKey());
    }

    private KeyGrant grant(ApiKeyRepository.StoredKey key, RatePlan plan, Instant now) {
        String subject = "key:" + key.id();
        EdgeTokens.MintedToken token = this.minted.get(subject);
        if (token == null || !fresh(token, now)) {
            token = this.minted.compute(subject, (s, current) -> {
                if (current != null && fresh(current, now)) {
                    return current;
                }
                return this.tokens.mint(subject, key.scopes(), this.properties.tokens().internalTtl());
            });
        }
        return new KeyGrant(subject, key.scopes(), plan, token.value());
    }

    private boolean fresh(EdgeTokens.MintedToken token, Instant now) {
        return now.isBefore(token.expiresAt().minus(this.renewBefore));
    }

    /** Revokes the keys named {@code name} except {@code keep}. */
    int revokeOthersNamed(String name, String keep) {
        int revoked = this.repository.revokeOthersNamed(name, keep);
        this.lookups.clear();
        return revoked;
    }

    boolean anyInForceNamed(String name) {
        return this.repository.anyInForceNamed(name);
    }

    boolean exists(String key) {
        return this.repository.findByHash(Secrets.hash(key)).isPresent();
    }

    private static ApiKeyView view(ApiKeyRepository.StoredKey key) {
        return new ApiKeyView(key.id(), key.name(), key.prefix(), key.scopes().stream().sorted().toList(),
                key.rateLimit(), key.createdAt(), key.revokedAt());
    }

    private record Lookup(Optional<ApiKeyRepository.StoredKey> key, RatePlan plan, Instant loadedAt) {
    }

}
