package dev.weir.platform.grpc;

import com.google.rpc.ErrorInfo;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.transaction.CannotCreateTransactionException;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;

import static dev.weir.platform.grpc.WeirGrpcServerTest.detail;
import static org.assertj.core.api.Assertions.assertThat;

class StatusMappingTest {

    @Test
    void mapsEveryErrorKindToTheCodeGrpcClientsExpect() {
        assertThat(StatusMapping.code(ErrorKind.INVALID)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(StatusMapping.code(ErrorKind.MALFORMED)).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertThat(StatusMapping.code(ErrorKind.UNAUTHENTICATED)).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(StatusMapping.code(ErrorKind.FORBIDDEN)).isEqualTo(Status.Code.PERMISSION_DENIED);
        assertThat(StatusMapping.code(ErrorKind.NOT_FOUND)).isEqualTo(Status.Code.NOT_FOUND);
        assertThat(StatusMapping.code(ErrorKind.ALREADY_EXISTS)).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(StatusMapping.code(ErrorKind.CONFLICT)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(StatusMapping.code(ErrorKind.PRECONDITION_FAILED)).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(StatusMapping.code(ErrorKind.TOO_LARGE)).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
        assertThat(StatusMapping.code(ErrorKind.UNAVAILABLE)).isEqualTo(Status.Code.UNAVAILABLE);
    }

    @Test
    void namesAConflictByItsRuleAndAStaleVersionByItsKind() {
        StatusRuntimeException conflict = StatusMapping
            .map(WeirException.conflict("customer-has-invoices", "Customer has invoices", "Customer '1' has invoices.")
                .with("customer_id", "1"), "test.Echo/Echo");
        assertThat(conflict.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(detail(conflict, ErrorInfo.class).getReason()).isEqualTo("customer-has-invoices");
        StatusRuntimeException stale = StatusMapping.map(WeirException.preconditionFailed("Customer '1' has changed."),
                "test.Echo/Echo");
        assertThat(stale.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
        assertThat(detail(stale, ErrorInfo.class).getReason()).isEqualTo("precondition-failed");
    }

    @Test
    void mapsAFailedTransactionStartAndAConcurrentDuplicate() {
        assertThat(StatusMapping.map(new CannotCreateTransactionException("no connection"), "test.Echo/Echo")
            .getStatus()
            .getCode()).isEqualTo(Status.Code.UNAVAILABLE);
        StatusRuntimeException duplicate = StatusMapping.map(new DuplicateKeyException("duplicate key"),
                "test.Echo/Echo");
        assertThat(duplicate.getStatus().getCode()).isEqualTo(Status.Code.ALREADY_EXISTS);
        assertThat(detail(duplicate, ErrorInfo.class).getReason()).isEqualTo("already-exists");
    }

    @Test
    void unwrapsFailuresOfFutures() {
        var wrapped = new java.util.concurrent.CompletionException(WeirException.notFound("Gone", "Gone."));
        assertThat(StatusMapping.map(wrapped, "test.Echo/Echo").getStatus().getCode()).isEqualTo(Status.Code.NOT_FOUND);
    }

    @Test
    void givesAStatusTheHandlerChoseAnErrorInfoAndKeepsItsDescription() {
        StatusRuntimeException mapped = StatusMapping.map(Status.DEADLINE_EXCEEDED.withDescription("too late"),
                new Metadata(), "test.Echo/Echo");
        assertThat(mapped.getStatus().getCode()).isEqualTo(Status.Code.DEADLINE_EXCEEDED);
        assertThat(mapped.getStatus().getDescription()).isEqualTo("too late");
        assertThat(detail(mapped, ErrorInfo.class).getReason()).isEqualTo("deadline-exceeded");
        StatusRuntimeException again = StatusMapping.map(mapped.getStatus(), mapped.getTrailers(), "test.Echo/Echo");
        assertThat(again.getTrailers()).isSameAs(mapped.getTrailers());
    }

}
