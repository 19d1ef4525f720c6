package dev.weir.example.todo.system;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.util.backoff.ExponentialBackOff;

import dev.weir.platform.error.WeirException;
import tools.jackson.core.JacksonException;

/**
 * What the Kafka listeners do with a record they cannot handle. A permanent failure (a
 * {@link WeirException}: invalid command, no such TODO) sends the record, bytes
 * unchanged, to {@code weir.dlq.todo} with the reason in header {@code weir-dlq-reason},
 * and the listener goes on. Anything else (the database is down) is retried with a
 * growing pause, without end: the partition waits rather than losing the command.
 */
@Configuration(proxyBeanMethods = false)
class KafkaCommandErrors {

    static final String REASON = "weir-dlq-reason";

    @Bean
    DefaultErrorHandler kafkaErrorHandler(KafkaTemplate<Object, Object> template) {
        var deadLetters = new DeadLetterPublishingRecoverer(template,
                (record, ex) -> new TopicPartition(TodoTopics.DEAD_LETTERS, record.partition()));
        deadLetters.setHeadersFunction((record, ex) -> new RecordHeaders(
                new RecordHeader[] { new RecordHeader(REASON, reason(ex).getBytes(StandardCharsets.UTF_8)) }));
        var backOff = new ExponentialBackOff(500, 2.0);
        backOff.setMaxInterval(30_000);
        var handler = new DefaultErrorHandler(deadLetters, backOff);
        handler.addNotRetryableExceptions(WeirException.class, JacksonException.class);
        return handler;
    }

    private static String reason(Exception ex) {
        Throwable cause = (ex instanceof ListenerExecutionFailedException && ex.getCause() != null) ? ex.getCause()
                : ex;
        if (cause instanceof WeirException weir) {
            return weir.type() + ": " + weir.detail();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

}
