package dev.weir.example.todo.todo;

import io.swagger.v3.oas.annotations.media.Schema;

/** A TODO as clients see it. */
@Schema(name = "Todo")
record TodoResponse(@Schema(example = "1") long id, @Schema(example = "Import the Online Retail file") String title,
        @Schema(example = "false") boolean done) {

    static TodoResponse of(Todo todo) {
        return new TodoResponse(todo.id(), todo.title(), todo.done());
    }

}
