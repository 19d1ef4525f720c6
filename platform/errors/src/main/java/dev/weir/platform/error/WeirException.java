package dev.weir.platform.error;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A failure the service layer reports to its caller, whatever the transport. It carries a
 * kind, a short human title, a detail sentence about this occurrence, and extension
 * members (for example the id that was not found, or the offending fields) that
 * transports copy onto the wire.
 */
public class WeirException extends RuntimeException {

    /**
     * How long a client should wait before retrying an {@link ErrorKind#UNAVAILABLE}
     * failure: REST says it in {@code Retry-After}, gRPC in {@code RetryInfo}.
     */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private final ErrorKind kind;

    private final String type;

    private final String title;

    private final Map<String, Object> properties = new LinkedHashMap<>();

    private final List<FieldError> fieldErrors = new ArrayList<>();

    protected WeirException(ErrorKind kind, String type, String title, String detail) {
        this(kind, type, title, detail, List.of());
    }

    /**
     * @param fieldErrors the offending fields, each named (the problem's {@code errors})
     */
    protected WeirException(ErrorKind kind, String type, String title, String detail, List<FieldError> fieldErrors) {
        super(detail);
        this.kind = kind;
        this.type = type;
        this.title = title;
        this.fieldErrors.addAll(fieldErrors);
    }

    /**
     * The caller did not prove who it is: no credentials, or credentials that are not
     * valid (401, {@code UNAUTHENTICATED}).
     */
    public static WeirException unauthenticated(String title, String detail) {
        return new WeirException(ErrorKind.UNAUTHENTICATED, ErrorKind.UNAUTHENTICATED.slug(), title, detail);
    }

    /** The caller is known but may not do this (403, {@code PERMISSION_DENIED}). */
    public static WeirException forbidden(String title, String detail) {
        return new WeirException(ErrorKind.FORBIDDEN, ErrorKind.FORBIDDEN.slug(), title, detail);
    }

    public static WeirException notFound(String title, String detail) {
        return new WeirException(ErrorKind.NOT_FOUND, ErrorKind.NOT_FOUND.slug(), title, detail);
    }

    public static WeirException alreadyExists(String title, String detail) {
        return new WeirException(ErrorKind.ALREADY_EXISTS, ErrorKind.ALREADY_EXISTS.slug(), title, detail);
    }

    /**
     * A conflict with the current state. The {@code type} names the rule (for example
     * {@code customer-has-invoices}) so clients can tell conflicts apart.
     */
    public static WeirException conflict(String type, String title, String detail) {
        return new WeirException(ErrorKind.CONFLICT, type, title, detail);
    }

    /** A failure of something the service needs (its database); retry later. */
    public static WeirException unavailable(String title, String detail) {
        return new WeirException(ErrorKind.UNAVAILABLE, ErrorKind.UNAVAILABLE.slug(), title, detail);
    }

    public static WeirException preconditionFailed(String detail) {
        return new WeirException(ErrorKind.PRECONDITION_FAILED, ErrorKind.PRECONDITION_FAILED.slug(),
                "Precondition failed", detail);
    }

    public static WeirException invalid(String detail, List<FieldError> errors) {
        return new WeirException(ErrorKind.INVALID, ErrorKind.INVALID.slug(), "Invalid request", detail, errors);
    }

    public static WeirException invalid(FieldError error) {
        return invalid(error.field() + ": " + error.detail(), List.of(error));
    }

    /** Adds an extension member (snake_case name) that is copied into the problem. */
    public WeirException with(String name, Object value) {
        this.properties.put(name, value);
        return this;
    }

    public ErrorKind kind() {
        return this.kind;
    }

    /** The last segment of the problem type URI. */
    public String type() {
        return this.type;
    }

    public String title() {
        return this.title;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, Object> properties() {
        return Collections.unmodifiableMap(this.properties);
    }

    public List<FieldError> fieldErrors() {
        return Collections.unmodifiableList(this.fieldErrors);
    }

}
