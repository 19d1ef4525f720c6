package dev.weir.example.todo.todo;

import java.net.URI;
import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * The REST transport: binds, delegates to {@link TodoService}, maps the result. No rules,
 * no SQL.
 */
@RestController
@RequestMapping(path = "/todo", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "TODO")
class TodoController {

    private final TodoService todos;

    TodoController(TodoService todos) {
        this.todos = todos;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Add a TODO")
    @ApiResponse(responseCode = "201", description = "Created")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    ResponseEntity<TodoResponse> create(@RequestBody TodoRequests.Create request) {
        Todo todo = this.todos.create(request.title());
        return ResponseEntity.created(URI.create("/todo/" + todo.id())).body(TodoResponse.of(todo));
    }

    @GetMapping
    @Operation(summary = "List the TODOs")
    List<TodoResponse> list() {
        return this.todos.list().stream().map(TodoResponse::of).toList();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Get a TODO")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    TodoResponse get(@PathVariable long id) {
        return TodoResponse.of(this.todos.get(id));
    }

    @PutMapping(path = "/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Replace a TODO's title and state")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    @ApiResponse(responseCode = "422", ref = "Invalid")
    TodoResponse replace(@PathVariable long id, @RequestBody TodoRequests.Replace request) {
        return TodoResponse.of(this.todos.replace(id, request.title(), request.done()));
    }

    @DeleteMapping("/{id}")
    @Operation(summary = "Delete a TODO")
    @ApiResponse(responseCode = "204", description = "Deleted")
    @ApiResponse(responseCode = "404", ref = "NotFound")
    ResponseEntity<Void> delete(@PathVariable long id) {
        this.todos.delete(id);
        return ResponseEntity.noContent().build();
    }

}
