package dev.weir.platform.grpc;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.StorableText;
import dev.weir.platform.error.WeirException;

/**
 * Validates the request records a gRPC endpoint binds its messages to with the Bean
 * Validation rules they carry, the same rules the REST controllers apply with
 * {@code @Valid}: a rule is written once, on the record.
 */
public final class RequestValidator {

    private final Validator validator;

    RequestValidator(Validator validator) {
        this.validator = validator;
    }

    /**
     * The request, if it satisfies its constraints.
     * @throws WeirException {@code INVALID} naming every offending field (snake_case, as
     * in the proto messages and the JSON), sorted by field
     */
    public <T> T valid(T request) {
        List<FieldError> errors = Stream
            .concat(this.validator.validate(request).stream().map(RequestValidator::fieldError),
                    unstorableText(request))
            .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::detail))
            .toList();
        if (errors.isEmpty()) {
            return request;
        }
        throw WeirException.invalid(
                errors.stream().map((e) -> e.field() + " " + e.detail()).collect(Collectors.joining("; ")), errors);
    }

    /**
     * The value of a field the request cannot do without (a proto3 string is empty when
     * the client did not set it): in REST terms, the path variable.
     * @throws WeirException {@code INVALID} naming the field when it is blank
     */
    public String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw WeirException.invalid(FieldError.body(field, "must not be blank"));
        }
        String problem = StorableText.problem(value);
        if (problem != null) {
            throw WeirException.invalid(FieldError.body(field, problem));
        }
        return value;
    }

    /**
     * The text fields of a request record that break {@link StorableText}'s rule (a NUL
     * character): protobuf strings may carry one, JSON bodies are refused when read.
     */
    private static Stream<FieldError> unstorableText(Object request) {
        if (!request.getClass().isRecord()) {
            return Stream.empty();
        }
        List<FieldError> errors = new ArrayList<>();
        for (RecordComponent component : request.getClass().getRecordComponents()) {
            Object value;
            try {
                // request records are often package-private in the endpoint's package
                java.lang.reflect.Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                value = accessor.invoke(request);
            }
            catch (ReflectiveOperationException ex) {
                throw new IllegalStateException("Cannot read " + component + " of a request", ex);
            }
            String problem = (value instanceof String text) ? StorableText.problem(text) : null;
            if (problem != null) {
                errors.add(FieldError.body(snake(component.getName()), problem));
            }
        }
        return errors.stream();
    }

    private static FieldError fieldError(ConstraintViolation<?> violation) {
        return FieldError.body(snake(violation.getPropertyPath().toString()), violation.getMessage());
    }

    static String snake(String javaName) {
        StringBuilder out = new StringBuilder(javaName.length() + 4);
        for (char c : javaName.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('_').append(Character.toLowerCase(c));
            }
            else {
                out.append(c);
            }
        }
        return out.toString();
    }

}
