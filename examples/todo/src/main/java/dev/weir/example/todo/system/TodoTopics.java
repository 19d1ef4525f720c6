package dev.weir.example.todo.system;

import java.time.Duration;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.weir.platform.kafka.Topic;

/** The Kafka topics the TODO service owns, created at start-up. */
@Configuration(proxyBeanMethods = false)
public class TodoTopics {

    /**
     * Commands for the TODO list (create, complete, rename, delete), keyed by TODO id or
     * command id.
     */
    public static final String COMMANDS = "weir.commands.todo";

    /**
     * Commands that cannot be applied, with the reason in header {@code weir-dlq-reason}.
     */
    public static final String DEAD_LETTERS = "weir.dlq.todo";

    @Bean
    Topic todoCommands() {
        return Topic.of(COMMANDS, 3, Duration.ofDays(7));
    }

    @Bean
    Topic todoDeadLetters() {
        return Topic.of(DEAD_LETTERS, 3, Duration.ofDays(30));
    }

}
