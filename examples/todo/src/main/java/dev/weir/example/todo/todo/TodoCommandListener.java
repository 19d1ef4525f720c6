package dev.weir.example.todo.todo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import dev.weir.example.todo.system.TodoTopics;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka transport: commands on {@code weir.commands.todo}, as JSON, e.g.
 * {@code {"command_id": "c-42", "action": "create", "title": "Buy milk"}} or
 * {@code {"command_id": "c-43", "action": "complete", "id": 7}}. A command is applied
 * once per {@code command_id}. One that cannot be applied (not JSON, unknown action,
 * missing fields, no such TODO) goes to {@code weir.dlq.todo} with the reason, and the
 * listener goes on with the next (see {@code KafkaCommandErrors}); a database outage is
 * retried until it passes, so no command is lost.
 */
@Component
class TodoCommandListener {

    private static final Logger log = LoggerFactory.getLogger(TodoCommandListener.class);

    private final TodoService todos;

    private final JsonMapper json;

    TodoCommandListener(TodoService todos, JsonMapper json) {
        this.todos = todos;
        this.json = json;
    }

    /** A command as it travels. */
    record TodoCommand(String commandId, String action, Long id, String title) {
    }

    @KafkaListener(id = "todo-commands", topics = TodoTopics.COMMANDS)
    void on(byte[] payload) {
        TodoCommand command = parse(payload);
        boolean ran = this.todos.once(command.commandId(), () -> apply(command));
        log.debug("Command {} ({}) {}", command.commandId(), command.action(), ran ? "applied" : "already applied");
    }

    private TodoCommand parse(byte[] payload) {
        try {
            return this.json.readValue(payload, TodoCommand.class);
        }
        catch (JacksonException ex) {
            throw WeirException.invalid(FieldError.body("(body)", "is not a TODO command: " + ex.getOriginalMessage()));
        }
    }

    private void apply(TodoCommand command) {
        String action = (command.action() != null) ? command.action() : "";
        switch (action) {
            case "create" -> this.todos.create(command.title());
            case "complete" -> this.todos.complete(requireId(command));
            case "rename" -> {
                Todo todo = this.todos.get(requireId(command));
                this.todos.replace(todo.id(), command.title(), todo.done());
            }
            case "delete" -> this.todos.delete(requireId(command));
            default -> throw WeirException
                .invalid(FieldError.body("action", "must be one of create, complete, rename, delete"));
        }
    }

    private static long requireId(TodoCommand command) {
        if (command.id() == null) {
            throw WeirException.invalid(FieldError.body("id", "is required for " + command.action()));
        }
        return command.id();
    }

}
