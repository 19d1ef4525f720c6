package dev.weir.retail.client.grpc;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.protobuf.StatusProto;

/**
 * What a failed Retail gRPC call says, read from its status and the details in its
 * trailers (docs/grpc.md): the counterpart of the REST client's problem.
 *
 * @param code the status code
 * @param message what went wrong this time, for people
 * @param reason the stable reason to match on ({@code not-found}, {@code validation},
 * ...: the REST problem type's last segment), empty when the status has no
 * {@code ErrorInfo} (failures of the transport itself)
 * @param metadata what the error is about ({@code customer_id}, ...)
 * @param fieldViolations field name to what is wrong with it, for {@code validation}
 * @param retryDelay when to retry, for {@code UNAVAILABLE}
 */
public record RetailGrpcError(Status.Code code, String message, String reason, Map<String, String> metadata,
        List<FieldViolation> fieldViolations, Optional<Duration> retryDelay) {

    /** One offending field of an invalid request. */
    public record FieldViolation(String field, String description) {
    }

    /** Reads a failure of a call ({@link io.grpc.StatusRuntimeException} or the like). */
    public static RetailGrpcError of(Throwable failure) {
        Status status = Status.fromThrowable(failure);
        com.google.rpc.Status details = StatusProto.fromThrowable(failure);
        List<Any> any = (details != null) ? details.getDetailsList() : List.of();
        Optional<ErrorInfo> info = unpack(any, ErrorInfo.class);
        List<FieldViolation> violations = unpack(any, BadRequest.class)
            .map((badRequest) -> badRequest.getFieldViolationsList()
                .stream()
                .map((v) -> new FieldViolation(v.getField(), v.getDescription()))
                .toList())
            .orElse(List.of());
        Optional<Duration> retry = unpack(any, RetryInfo.class)
            .map((r) -> Duration.ofSeconds(r.getRetryDelay().getSeconds(), r.getRetryDelay().getNanos()));
        return new RetailGrpcError(status.getCode(), (status.getDescription() != null) ? status.getDescription() : "",
                info.map(ErrorInfo::getReason).orElse(""), info.map(ErrorInfo::getMetadataMap).orElse(Map.of()),
                violations, retry);
    }

    private static <T extends Message> Optional<T> unpack(List<Any> details, Class<T> type) {
        for (Any detail : details) {
            if (detail.is(type)) {
                try {
                    return Optional.of(detail.unpack(type));
                }
                catch (InvalidProtocolBufferException ex) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

}
