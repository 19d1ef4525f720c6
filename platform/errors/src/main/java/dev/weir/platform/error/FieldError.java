package dev.weir.platform.error;

/**
 * One offending input value: which field, where it was (body, query, path, header), and
 * what is wrong with it.
 *
 * @param field the field or parameter name as the client spelled it (snake_case for JSON
 * bodies)
 * @param in where the value was: {@code body}, {@code query}, {@code path} or
 * {@code header}
 * @param detail what is wrong, as a sentence fragment ("must not be blank")
 */
public record FieldError(String field, String in, String detail) {

    public static FieldError body(String field, String detail) {
        return new FieldError(field, "body", detail);
    }

    public static FieldError query(String field, String detail) {
        return new FieldError(field, "query", detail);
    }

    public static FieldError path(String field, String detail) {
        return new FieldError(field, "path", detail);
    }

    public static FieldError header(String field, String detail) {
        return new FieldError(field, "header", detail);
    }

}
