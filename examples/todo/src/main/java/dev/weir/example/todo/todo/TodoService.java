package dev.weir.example.todo.todo;

import java.util.List;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.weir.example.todo.system.TodoProperties;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * The TODO list's rules, whatever the transport: REST, gRPC and Kafka commands all call
 * these methods, and report failures as {@link WeirException}s that each transport maps
 * (a problem, a gRPC status, a dead letter).
 */
@Service
public class TodoService {

    private final TodoRepository todos;

    private final TodoProperties properties;

    TodoService(TodoRepository todos, TodoProperties properties) {
        this.todos = todos;
        this.properties = properties;
    }

    @Transactional
    public Todo create(String title) {
        return this.todos.insert(validTitle(title));
    }

    public Todo get(long id) {
        return this.todos.find(id).orElseThrow(() -> notFound(id));
    }

    public List<Todo> list() {
        return this.todos.list(this.properties.listLimit());
    }

    @Transactional
    public Todo replace(long id, String title, boolean done) {
        return this.todos.update(id, validTitle(title), done).orElseThrow(() -> notFound(id));
    }

    /** Marks a TODO done; doing so twice is harmless. */
    @Transactional
    public Todo complete(long id) {
        Todo todo = get(id);
        return todo.done() ? todo : this.todos.update(id, todo.title(), true).orElseThrow(() -> notFound(id));
    }

    @Transactional
    public void delete(long id) {
        if (!this.todos.delete(id)) {
            throw notFound(id);
        }
    }

    /**
     * Runs a command once: a command id seen before is skipped (Kafka delivers at least
     * once). The command's effect and the record that it ran commit together.
     * @return whether the command ran now (false: it had run before)
     */
    @Transactional
    public boolean once(String commandId, Runnable command) {
        if (commandId == null || commandId.isBlank()) {
            throw WeirException.invalid(FieldError.body("command_id", "is required"));
        }
        if (!this.todos.markApplied(commandId)) {
            return false;
        }
        command.run();
        return true;
    }

    private static String validTitle(String title) {
        if (title == null || title.isBlank()) {
            throw WeirException.invalid(FieldError.body("title", "must not be blank"));
        }
        if (title.strip().length() > 200) {
            throw WeirException.invalid(FieldError.body("title", "must be at most 200 characters"));
        }
        return title.strip();
    }

    static WeirException notFound(long id) {
        return WeirException.notFound("TODO not found", "No TODO with id " + id + ".").with("id", id);
    }

}
