package dev.weir.edge.key;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The API keys in {@code edge.api_key}: a hash and a visible prefix, never the key. */
@Repository
class ApiKeyRepository {

    private static final String COLUMNS = "id, name, prefix, key_hash, scopes, rate_limit, created_at, revoked_at";

    private final JdbcClient jdbc;

    ApiKeyRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(StoredKey key) {
        this.jdbc
            .sql("INSERT INTO edge.api_key (id, name, prefix, key_hash, scopes, rate_limit, created_at) "
                    + "VALUES (?, ?, ?, ?, ?::text[], ?, ?)")
            .params(key.id(), key.name(), key.prefix(), key.hash(),
                    "{" + String.join(",", key.scopes().stream().sorted().toList()) + "}", key.rateLimit(),
                    Timestamp.from(key.createdAt()))
            .update();
    }

    Optional<StoredKey> findByHash(byte[] hash) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM edge.api_key WHERE key_hash = ?")
            .param(hash)
            .query(ApiKeyRepository::key)
            .optional();
    }

    List<StoredKey> all() {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM edge.api_key ORDER BY created_at, id")
            .query(ApiKeyRepository::key)
            .list();
    }

    boolean revoke(String id) {
        return this.jdbc.sql("UPDATE edge.api_key SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL")
            .param(id)
            .update() == 1;
    }

    /** Revokes the keys named {@code name} other than {@code keep}; how many. */
    int revokeOthersNamed(String name, String keep) {
        return this.jdbc
            .sql("UPDATE edge.api_key SET revoked_at = now() WHERE name = ? AND id <> ? AND revoked_at IS NULL")
            .params(name, keep)
            .update();
    }

    /** Whether a key named {@code name} is in force. */
    boolean anyInForceNamed(String name) {
        return this.jdbc.sql("SELECT EXISTS (SELECT 1 FROM edge.api_key WHERE name = ? AND revoked_at IS NULL)")
            .param(name)
            .query(Boolean.class)
            .single();
    }

    private static StoredKey key(ResultSet rs, int row) throws SQLException {
        Timestamp revoked = rs.getTimestamp(8);
        return new StoredKey(rs.getString(1), rs.getString(2), rs.getString(3), rs.getBytes(4),
                Set.of((String[]) rs.getArray(5).getArray()), rs.getString(6), rs.getTimestamp(7).toInstant(),
                (revoked != null) ? revoked.toInstant() : null);
    }

    /** A key as stored. */
    record StoredKey(String id, String name, String prefix, byte[] hash, Set<String> scopes, String rateLimit,
            Instant createdAt, Instant revokedAt) {
    }

}
