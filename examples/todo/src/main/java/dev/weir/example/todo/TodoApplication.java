package dev.weir.example.todo;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The TODO service: the template a new Weir service is copied from. REST, gRPC and Kafka
 * transports over one service layer over PostgreSQL (schema {@code todo}). See
 * {@code examples/todo/README.md}.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class TodoApplication {

    /** The name of the service and of its configuration file ({@code todo.yml}). */
    public static final String NAME = "todo";

    public static void main(String[] args) {
        builder().run(args);
    }

    public static SpringApplicationBuilder builder() {
        return new SpringApplicationBuilder(TodoApplication.class).main(TodoApplication.class)
            .properties("spring.config.name=" + NAME);
    }

}
