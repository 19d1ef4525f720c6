package dev.weir.edge.client;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The OAuth2 clients in {@code edge.client}. */
@Repository
class ClientRepository {

    private static final String COLUMNS = "client_id, name, secret_hash, scopes, rate_limit, created_at, disabled_at";

    private final JdbcClient jdbc;

    ClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Client client) {
        this.jdbc
            .sql("INSERT INTO edge.client (client_id, name, secret_hash, scopes, rate_limit, created_at) "
                    + "VALUES (?, ?, ?, ?::text[], ?, ?)")
            .params(client.clientId(), client.name(), client.secretHash(), arrayLiteral(client.scopes()),
                    client.rateLimit(), java.sql.Timestamp.from(client.createdAt()))
            .update();
    }

    /**
     * Registers {@code client}, or gives the one of its id its secret and scopes and
     * enables it again.
     */
    void upsert(Client client) {
        this.jdbc
            .sql("INSERT INTO edge.client (client_id, name, secret_hash, scopes, rate_limit, created_at) "
                    + "VALUES (?, ?, ?, ?::text[], ?, ?) ON CONFLICT (client_id) DO UPDATE SET name = excluded.name, "
                    + "secret_hash = excluded.secret_hash, scopes = excluded.scopes, rate_limit = excluded.rate_limit, "
                    + "disabled_at = NULL")
            .params(client.clientId(), client.name(), client.secretHash(), arrayLiteral(client.scopes()),
                    client.rateLimit(), java.sql.Timestamp.from(client.createdAt()))
            .update();
    }

    Optional<Client> find(String clientId) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM edge.client WHERE client_id = ?")
            .param(clientId)
            .query(ClientRepository::client)
            .optional();
    }

    List<Client> all() {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM edge.client ORDER BY created_at, client_id")
            .query(ClientRepository::client)
            .list();
    }

    boolean disable(String clientId) {
        return this.jdbc.sql("UPDATE edge.client SET disabled_at = now() WHERE client_id = ? AND disabled_at IS NULL")
            .param(clientId)
            .update() == 1;
    }

    private static Client client(java.sql.ResultSet rs, int row) throws SQLException {
        java.sql.Timestamp disabled = rs.getTimestamp(7);
        return new Client(rs.getString(1), rs.getString(2), rs.getBytes(3), scopes(rs.getArray(4)), rs.getString(5),
                rs.getTimestamp(6).toInstant(), (disabled != null) ? disabled.toInstant() : null);
    }

    static Set<String> scopes(Array array) throws SQLException {
        return Set.of((String[]) array.getArray());
    }

    /** A PostgreSQL array literal of identifiers that contain no quotes or commas. */
    static String arrayLiteral(Set<String> values) {
        return "{" + String.join(",", values.stream().sorted().toList()) + "}";
    }

    /** A client as stored. */
    record Client(String clientId, String name, byte[] secretHash, Set<String> scopes, String rateLimit,
            Instant createdAt, Instant disabledAt) {
    }

}
