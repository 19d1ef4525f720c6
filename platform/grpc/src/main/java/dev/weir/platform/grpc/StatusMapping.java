package dev.weir.platform.grpc;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;

import dev.weir.platform.error.DatabaseUnavailable;
import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.FieldError;
import dev.weir.platform.error.WeirException;

/**
 * The one mapping of failures to gRPC status, the counterpart of the REST problems. Every
 * status it makes carries a {@code google.rpc.ErrorInfo} (reason: the problem type slug
 * the REST API uses; domain {@value #DOMAIN}; metadata: the exception's extension
 * members) in the {@code grpc-status-details-bin} trailer; invalid requests add a
 * {@code google.rpc.BadRequest} naming each field, an unreachable database a
 * {@code google.rpc.RetryInfo}. Bugs become {@code INTERNAL}: logged here, with no stack
 * trace or exception message sent to the client.
 */
final class StatusMapping {

    /** The {@code ErrorInfo} domain of every Weir error. */
    static final String DOMAIN = "weir.dev";

    /** The longest status message sent, in characters. */
    static final int MAX_MESSAGE = 1000;

    /** The longest {@code ErrorInfo} metadata value or field violation sent. */
    static final int MAX_METADATA_VALUE = 200;

    private static final Logger log = LoggerFactory.getLogger(StatusMapping.class);

    private static final Metadata.Key<byte[]> DETAILS_KEY = Metadata.Key.of("grpc-status-details-bin",
            Metadata.BINARY_BYTE_MARSHALLER);

    private StatusMapping() {
    }

    /**
     * The status (and trailers) to close a call with, for the status it was about to be
     * closed with. A status whose cause is a failure of the service (the handler threw,
     * or passed the exception to {@code onError}) is mapped from that failure; a status
     * the handler chose itself keeps its code and description and gains an
     * {@code ErrorInfo} if it has no details.
     */
    static StatusRuntimeException map(Status status, Metadata trailers, String call) {
        Throwable cause = unwrap(status.getCause());
        if (status.getCode() == Status.Code.UNKNOWN && cause != null && !(cause instanceof StatusRuntimeException)
                && !(cause instanceof io.grpc.StatusException)) {
            return map(cause, call);
        }
        if (status.isOk() || trailers.containsKey(DETAILS_KEY)) {
            return status.asRuntimeException(trailers);
        }
        String description = (status.getDescription() != null) ? status.getDescription()
                : status.getCode().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return build(status.getCode(), description, ErrorInfo.newBuilder().setReason(slug(status.getCode())), trailers);
    }

    /**
     * The status for a failure thrown while serving a call.
     * @param call the method called, for the log
     */
    static StatusRuntimeException map(Throwable thrown, String call) {
        Throwable failure = unwrap(thrown);
        if (failure instanceof StatusRuntimeException statusException
                && statusException.getStatus().getCause() instanceof InvalidProtocolBufferException unreadable) {
            // thrown by the message parser: the client sent bytes that are no such
            // message
            return build(Status.Code.INVALID_ARGUMENT,
                    "The request is not a valid protobuf message of this method: " + unreadable.getMessage(),
                    ErrorInfo.newBuilder().setReason(ErrorKind.MALFORMED.slug()), new Metadata());
        }
        if (failure instanceof StatusRuntimeException statusException) {
            return map(statusException.getStatus(), trailersOf(statusException.getTrailers()), call);
        }
        if (failure instanceof io.grpc.StatusException statusException) {
            return map(statusException.getStatus(), trailersOf(statusException.getTrailers()), call);
        }
        if (failure instanceof WeirException weir) {
            return weir(weir);
        }
        if (failure instanceof DuplicateKeyException) {
            return build(Status.Code.ALREADY_EXISTS, "A resource with the same identifier was created concurrently.",
                    ErrorInfo.newBuilder().setReason(ErrorKind.ALREADY_EXISTS.slug()), new Metadata());
        }
        if (DatabaseUnavailable.causes(failure)) {
            log.warn("Database unavailable serving {}: {}", call, failure.getMessage());
            return weir(DatabaseUnavailable.failure());
        }
        log.error("Unexpected failure serving {}", call, failure);
        return build(Status.Code.INTERNAL, "The service failed unexpectedly; the failure was logged.",
                ErrorInfo.newBuilder().setReason("internal"), new Metadata());
    }

    /** The gRPC status code of each kind of {@link WeirException}. */
    static Status.Code code(ErrorKind kind) {
        return switch (kind) {
            case INVALID, MALFORMED -> Status.Code.INVALID_ARGUMENT;
            case UNAUTHENTICATED -> Status.Code.UNAUTHENTICATED;
            case FORBIDDEN -> Status.Code.PERMISSION_DENIED;
            case NOT_FOUND -> Status.Code.NOT_FOUND;
            case ALREADY_EXISTS -> Status.Code.ALREADY_EXISTS;
            case CONFLICT, PRECONDITION_FAILED -> Status.Code.FAILED_PRECONDITION;
            case TOO_LARGE -> Status.Code.RESOURCE_EXHAUSTED;
            case UNAVAILABLE -> Status.Code.UNAVAILABLE;
        };
    }

    private static StatusRuntimeException weir(WeirException failure) {
        ErrorInfo.Builder info = ErrorInfo.newBuilder().setReason(failure.type());
        failure.properties()
            .forEach((name, value) -> info.putMetadata(name, shortened(String.valueOf(value), MAX_METADATA_VALUE)));
        if (failure.kind() == ErrorKind.UNAVAILABLE) {
            return build(code(failure.kind()), failure.detail(), info, new Metadata(),
                    Any.pack(RetryInfo.newBuilder()
                        .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(WeirException.RETRY_AFTER.toSeconds()))
                        .build()));
        }
        if (failure.fieldErrors().isEmpty()) {
            return build(code(failure.kind()), failure.detail(), info, new Metadata());
        }
        BadRequest.Builder badRequest = BadRequest.newBuilder();
        for (FieldError error : failure.fieldErrors()) {
            badRequest.addFieldViolations(BadRequest.FieldViolation.newBuilder()
                .setField(error.field())
                .setDescription(shortened(error.detail(), MAX_METADATA_VALUE)));
        }
        return build(code(failure.kind()), failure.detail(), info, new Metadata(), Any.pack(badRequest.build()));
    }

    private static StatusRuntimeException build(Status.Code code, String message, ErrorInfo.Builder info,
            Metadata trailers, Any... details) {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
            .setCode(code.value())
            .setMessage(shortened(message, MAX_MESSAGE))
            .addDetails(Any.pack(info.setDomain(DOMAIN).build()));
        for (Any detail : details) {
            status.addDetails(detail);
        }
        return StatusProto.toStatusRuntimeException(status.build(), trailers);
    }

    /** The reason of a status no Weir failure explains: its code, as a slug. */
    private static String slug(Status.Code code) {
        return code.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The text, cut to at most {@code max} characters: details echo what the client sent
     * (an id of a megabyte), and trailers larger than the client's header limit (8 KiB by
     * default) would reach it as an {@code INTERNAL} error of its own.
     */
    static String shortened(String text, int max) {
        return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable current = failure;
        while ((current instanceof CompletionException || current instanceof ExecutionException)
                && current.getCause() != null) {
            current = current.getCause();
        }
        return current;
    }

    private static Metadata trailersOf(Metadata trailers) {
        return (trailers != null) ? trailers : new Metadata();
    }

}
