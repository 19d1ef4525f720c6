package dev.weir.retail.support;

import java.util.concurrent.TimeUnit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import dev.weir.retail.api.v1.CustomersGrpc;
import dev.weir.retail.api.v1.InvoicesGrpc;
import dev.weir.retail.api.v1.StockCodesGrpc;
import dev.weir.testing.infra.TestTokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A plain gRPC client for tests of the Retail service's gRPC endpoints: a channel, stubs
 * with a deadline, and the error details of a failed call.
 */
public final class Grpc implements AutoCloseable {

    private final ManagedChannel channel;

    public Grpc(int port) {
        this(port, TestTokens.bearer());
    }

    /**
     * A channel whose calls carry {@code authorization} (a test token granting every
     * scope by default), or none when it is null.
     */
    public Grpc(int port, String authorization) {
        var builder = io.grpc.Grpc.newChannelBuilderForAddress("127.0.0.1", port, InsecureChannelCredentials.create());
        if (authorization != null) {
            io.grpc.Metadata headers = new io.grpc.Metadata();
            headers.put(io.grpc.Metadata.Key.of("authorization", io.grpc.Metadata.ASCII_STRING_MARSHALLER),
                    authorization);
            builder.intercept(io.grpc.stub.MetadataUtils.newAttachHeadersInterceptor(headers));
        }
        this.channel = builder.build();
    }

    public ManagedChannel channel() {
        return this.channel;
    }

    public CustomersGrpc.CustomersBlockingStub customers() {
        return CustomersGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public InvoicesGrpc.InvoicesBlockingStub invoices() {
        return InvoicesGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    public StockCodesGrpc.StockCodesBlockingStub stockCodes() {
        return StockCodesGrpc.newBlockingStub(this.channel).withDeadlineAfter(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        this.channel.shutdownNow();
    }

    /** The status the call failed with; fails the test if it succeeded. */
    public static StatusRuntimeException failure(ThrowingCallable call) {
        StatusRuntimeException failure = catchThrowableOfType(StatusRuntimeException.class, call);
        assertThat(failure).as("the call fails with a status").isNotNull();
        return failure;
    }

    public static ErrorInfo errorInfo(StatusRuntimeException failure) {
        return detail(failure, ErrorInfo.class);
    }

    public static BadRequest badRequest(StatusRuntimeException failure) {
        return detail(failure, BadRequest.class);
    }

    /** The status detail of this type, unpacked; fails the test if there is none. */
    public static <T extends Message> T detail(StatusRuntimeException failure, Class<T> type) {
        com.google.rpc.Status status = StatusProto.fromThrowable(failure);
        assertThat(status).as("google.rpc.Status in the trailers of " + failure).isNotNull();
        return status.getDetailsList().stream().filter((any) -> any.is(type)).map((any) -> {
            try {
                return any.unpack(type);
            }
            catch (InvalidProtocolBufferException ex) {
                throw new IllegalStateException(ex);
            }
        }).findFirst().orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " in " + status));
    }

}
