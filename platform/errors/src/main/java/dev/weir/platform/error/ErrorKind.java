package dev.weir.platform.error;

/**
 * The kinds of failure a Weir service reports. Every transport maps a kind the same way:
 * REST to an HTTP status and a stable RFC 9457 problem type, gRPC to a status code.
 */
public enum ErrorKind {

    /**
     * The request is well-formed but a value is not acceptable; the offending fields are
     * named.
     */
    INVALID(422, "validation"),

    /** The request cannot be read at all (not JSON, truncated, wrong structure). */
    MALFORMED(400, "malformed-request"),

    /**
     * The caller did not prove who it is (no credentials, or credentials that are not
     * valid): authenticate and retry.
     */
    UNAUTHENTICATED(401, "unauthenticated"),

    /** The caller is known but may not do this. */
    FORBIDDEN(403, "forbidden"),

    /** The thing addressed does not exist. */
    NOT_FOUND(404, "not-found"),

    /** Creating something that already exists. */
    ALREADY_EXISTS(409, "already-exists"),

    /**
     * The request conflicts with the current state (for example deleting a customer that
     * has invoices).
     */
    CONFLICT(409, "conflict"),

    /** A conditional request ({@code If-Match}) did not match the current version. */
    PRECONDITION_FAILED(412, "precondition-failed"),

    /** The request body is larger than the service accepts. */
    TOO_LARGE(413, "payload-too-large"),

    /** A dependency (the database) is not reachable; retrying later may succeed. */
    UNAVAILABLE(503, "unavailable");

    private final int httpStatus;

    private final String slug;

    ErrorKind(int httpStatus, String slug) {
        this.httpStatus = httpStatus;
        this.slug = slug;
    }

    public int httpStatus() {
        return this.httpStatus;
    }

    /** The last segment of this kind's problem type URI. */
    public String slug() {
        return this.slug;
    }

}
