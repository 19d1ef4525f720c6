package dev.weir.ingest.pull.definition;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Definitions stored through the admin API ({@code ingest.connector_definition}). */
@Repository
class ConnectorDefinitionRepository {

    private final JdbcClient jdbc;

    ConnectorDefinitionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record Stored(String name, String definition) {
    }

    List<Stored> all() {
        return this.jdbc.sql("SELECT name, definition FROM ingest.connector_definition ORDER BY name")
            .query(Stored.class)
            .list();
    }

    /** Stores a definition; true if it is new. */
    boolean save(String name, String definition) {
        return this.jdbc.sql("""
                INSERT INTO ingest.connector_definition (name, definition) VALUES (?, ?)
                ON CONFLICT (name) DO UPDATE SET definition = excluded.definition, updated_at = now()
                RETURNING (xmax = 0)
                """).param(name).param(definition).query(Boolean.class).single();
    }

    boolean delete(String name) {
        return this.jdbc.sql("DELETE FROM ingest.connector_definition WHERE name = ?").param(name).update() > 0;
    }

}
