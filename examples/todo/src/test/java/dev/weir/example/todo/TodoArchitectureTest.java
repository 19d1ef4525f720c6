package dev.weir.example.todo;

import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.weir.testing.architecture.ServiceArchitecture;

/**
 * The template follows the rules of every Weir service: transports (REST, gRPC, Kafka) →
 * service → repository (PostgreSQL), no cycles, SQL in repositories, its own schema only.
 */
class TodoArchitectureTest {

    static final ServiceArchitecture TODO = ServiceArchitecture.of("dev.weir.example.todo")
        .schema("todo")
        .generatedApi("dev.weir.example.todo.api");

    @TestFactory
    Stream<DynamicTest> followsTheRulesOfEveryWeirService() {
        return TODO.rules();
    }

}
