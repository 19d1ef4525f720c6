package dev.weir.example.todo.todo;

import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for TODOs; only {@link TodoService} uses it. */
@Repository
class TodoRepository {

    private static final String COLUMNS = "id, title, done, (extract(epoch FROM updated_at) * 1000000)::bigint";

    private static final RowMapper<Todo> MAPPER = (rs, row) -> new Todo(rs.getLong(1), rs.getString(2),
            rs.getBoolean(3), rs.getLong(4));

    private final JdbcClient jdbc;

    TodoRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Todo insert(String title) {
        return this.jdbc.sql("INSERT INTO todo.todo (title) VALUES (?) RETURNING " + COLUMNS)
            .param(title)
            .query(MAPPER)
            .single();
    }

    Optional<Todo> find(long id) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM todo.todo WHERE id = ?").param(id).query(MAPPER).optional();
    }

    List<Todo> list(int limit) {
        return this.jdbc.sql("SELECT " + COLUMNS + " FROM todo.todo ORDER BY id LIMIT ?")
            .param(limit)
            .query(MAPPER)
            .list();
    }

    Optional<Todo> update(long id, String title, boolean done) {
        return this.jdbc
            .sql("UPDATE todo.todo SET title = ?, done = ?, updated_at = clock_timestamp() WHERE id = ? RETURNING "
                    + COLUMNS)
            .params(title, done, id)
            .query(MAPPER)
            .optional();
    }

    boolean delete(long id) {
        return this.jdbc.sql("DELETE FROM todo.todo WHERE id = ?").param(id).update() == 1;
    }

    /** Records a command as applied; false if it was applied before. */
    boolean markApplied(String commandId) {
        return this.jdbc.sql("INSERT INTO todo.applied_command (command_id) VALUES (?) ON CONFLICT DO NOTHING")
            .param(commandId)
            .update() == 1;
    }

}
