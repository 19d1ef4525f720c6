package dev.weir.ingest.push;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Stream declarations stored through the admin API ({@code ingest.stream_definition}).
 */
@Repository
class StreamDefinitionRepository {

    private final JdbcClient jdbc;

    StreamDefinitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(String name, String definition) {
    }

    List<Stored> all() {
        return this.jdbc.sql("SELECT name, definition FROM ingest.stream_definition ORDER BY name")
            .query(Stored.class)
            .list();
    }

    /** Stores a declaration; true if it is new. */
    boolean save(String name, String definition) {
        return this.jdbc.sql("""
                INSERT INTO ingest.stream_definition (name, definition) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = now()
                RETURNING (xmax = 0)
                """).param(name).param(definition).query(Boolean.class).single();
    }

}
