package dev.weir.example.todo.todo;

import io.grpc.stub.StreamObserver;
import org.springframework.stereotype.Component;

import dev.weir.example.todo.api.v1.CompleteTodoRequest;
import dev.weir.example.todo.api.v1.CreateTodoRequest;
import dev.weir.example.todo.api.v1.GetTodoRequest;
import dev.weir.example.todo.api.v1.ListTodosRequest;
import dev.weir.example.todo.api.v1.TodosGrpc;

/**
 * The gRPC transport ({@code todo.v1.Todos}): binds the message, delegates to
 * {@link TodoService}, maps the result. Failures the service reports
 * ({@code WeirException}) become gRPC status codes with details in {@code platform/grpc},
 * as they become problems over REST.
 */
@Component
class TodoGrpcEndpoint extends TodosGrpc.TodosImplBase {

    private final TodoService todos;

    TodoGrpcEndpoint(TodoService todos) {
        this.todos = todos;
    }

    @Override
    public void createTodo(CreateTodoRequest request, StreamObserver<dev.weir.example.todo.api.v1.Todo> responses) {
        reply(this.todos.create(request.getTitle()), responses);
    }

    @Override
    public void getTodo(GetTodoRequest request, StreamObserver<dev.weir.example.todo.api.v1.Todo> responses) {
        reply(this.todos.get(request.getId()), responses);
    }

    @Override
    public void listTodos(ListTodosRequest request, StreamObserver<dev.weir.example.todo.api.v1.Todo> responses) {
        this.todos.list().forEach((todo) -> responses.onNext(message(todo)));
        responses.onCompleted();
    }

    @Override
    public void completeTodo(CompleteTodoRequest request, StreamObserver<dev.weir.example.todo.api.v1.Todo> responses) {
        reply(this.todos.complete(request.getId()), responses);
    }

    private static void reply(Todo todo, StreamObserver<dev.weir.example.todo.api.v1.Todo> responses) {
        responses.onNext(message(todo));
        responses.onCompleted();
    }

    static dev.weir.example.todo.api.v1.Todo message(Todo todo) {
        return dev.weir.example.todo.api.v1.Todo.newBuilder()
            .setId(todo.id())
            .setTitle(todo.title())
            .setDone(todo.done())
            .build();
    }

}
