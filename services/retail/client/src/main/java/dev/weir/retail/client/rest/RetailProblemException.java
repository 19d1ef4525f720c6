package dev.weir.retail.client.rest;

import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * A failure the Retail API answered with an RFC 9457 problem. Match on {@link #type()}
 * (stable, listed in docs/problems.md), not on the title or detail, which are for people.
 */
public class RetailProblemException extends RuntimeException {

    private final URI type;

    private final int status;

    private final String title;

    private final String detail;

    private final List<FieldError> errors;

    private final Map<String, Object> properties;

    /**
     * @param type the problem type, e.g. {@code https://weir.dev/problems/not-found}
     * @param status the HTTP status
     * @param title a short summary of the problem type
     * @param detail what went wrong this time
     * @param errors the offending fields of a {@code validation} problem, else empty
     * @param properties the other members (the id of what was not found, ...)
     */
    public RetailProblemException(URI type, int status, String title, String detail, List<FieldError> errors,
            Map<String, Object> properties) {
        super(status + " " + type + ": " + detail);
        this.type = type;
        this.status = status;
        this.title = title;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.properties = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(properties));
    }

    public URI type() {
        return this.type;
    }

    /** The last segment of the type: {@code not-found}, {@code validation}, ... */
    public String typeName() {
        String path = this.type.getPath();
        return path.substring(path.lastIndexOf('/') + 1);
    }

    public int status() {
        return this.status;
    }

    public String title() {
        return this.title;
    }

    public String detail() {
        return this.detail;
    }

    public List<FieldError> errors() {
        return this.errors;
    }

    public Map<String, Object> properties() {
        return this.properties;
    }

    /**
     * One offending value of a {@code validation} problem.
     *
     * @param field the field as the client spelled it (snake_case)
     * @param in {@code body}, {@code query}, {@code path} or {@code header}
     * @param detail what is wrong with it
     */
    public record FieldError(String field, String in, String detail) {
    }

}
