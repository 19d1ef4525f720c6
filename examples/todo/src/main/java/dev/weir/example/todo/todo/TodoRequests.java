package dev.weir.example.todo.todo;

import io.swagger.v3.oas.annotations.media.Schema;

/** What REST clients send. The service checks the title; the records only carry it. */
final class TodoRequests {

    private TodoRequests() {
    }

    @Schema(name = "CreateTodoRequest")
    record Create(@Schema(example = "Import the Online Retail file",
            requiredMode = Schema.RequiredMode.REQUIRED) String title) {
    }

    @Schema(name = "ReplaceTodoRequest")
    record Replace(@Schema(example = "Import the Online Retail file",
            requiredMode = Schema.RequiredMode.REQUIRED) String title, @Schema(example = "true") boolean done) {
    }

}
