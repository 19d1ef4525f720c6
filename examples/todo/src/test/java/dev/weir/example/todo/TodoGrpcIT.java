package dev.weir.example.todo;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import dev.weir.example.todo.api.v1.CompleteTodoRequest;
import dev.weir.example.todo.api.v1.CreateTodoRequest;
import dev.weir.example.todo.api.v1.GetTodoRequest;
import dev.weir.example.todo.api.v1.ListTodosRequest;
import dev.weir.example.todo.api.v1.TodosGrpc;
import dev.weir.platform.grpc.WeirGrpcServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@TodoIT
class TodoGrpcIT {

    @Autowired
    WeirGrpcServer server;

    ManagedChannel channel;

    TodosGrpc.TodosBlockingStub todos;

    @BeforeEach
    void connect() {
        this.channel = ManagedChannelBuilder.forAddress("127.0.0.1", this.server.port()).usePlaintext().build();
        this.todos = TodosGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void close() {
        this.channel.shutdownNow();
    }

    @Test
    void createsCompletesAndListsTodosThroughTheSameServiceAsRest() {
        var created = this.todos.createTodo(CreateTodoRequest.newBuilder().setTitle("Stream the invoices").build());
        assertThat(created.getDone()).isFalse();
        var done = this.todos.completeTodo(CompleteTodoRequest.newBuilder().setId(created.getId()).build());
        assertThat(done.getDone()).isTrue();
        assertThat(this.todos.getTodo(GetTodoRequest.newBuilder().setId(created.getId()).build())).isEqualTo(done);
        List<Long> ids = new ArrayList<>();
        this.todos.listTodos(ListTodosRequest.getDefaultInstance()).forEachRemaining((todo) -> ids.add(todo.getId()));
        assertThat(ids).contains(created.getId()).isSorted();
    }

    @Test
    void answersAMissingTodoWithNotFoundAndABlankTitleWithInvalidArgument() {
        assertThatThrownBy(() -> this.todos.getTodo(GetTodoRequest.newBuilder().setId(424242).build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                    (ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND));
        assertThatThrownBy(() -> this.todos.createTodo(CreateTodoRequest.newBuilder().setTitle(" ").build()))
            .isInstanceOfSatisfying(StatusRuntimeException.class,
                    (ex) -> assertThat(ex.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT));
    }

}
