package dev.weir.retail.client.grpc;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;

import dev.weir.retail.api.v1.CustomersGrpc;
import dev.weir.retail.api.v1.InvoicesGrpc;
import dev.weir.retail.api.v1.StockCodesGrpc;

/**
 * The Retail gRPC API ({@code retail.v1}): blocking and asynchronous stubs of its three
 * services on one channel. Every call gets the default deadline unless the stub was given
 * one ({@code stub.withDeadlineAfter(...)}, which is absolute: make it right before the
 * call), so the stubs can be kept and shared. Failures are
 * {@link io.grpc.StatusRuntimeException}s; {@link RetailGrpcError#of} reads their
 * details. Close the client to close its channel.
 */
public final class RetailGrpcClient implements AutoCloseable {

    /** The deadline of a call that was given none. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);

    private final ManagedChannel channel;

    private final Channel calls;

    private RetailGrpcClient(ManagedChannel channel, Duration defaultDeadline) {
        this.channel = channel;
        this.calls = ClientInterceptors.intercept(channel, new DefaultDeadline(defaultDeadline));
    }

    /**
     * A client of the service at {@code host:port} over plaintext HTTP/2 (the local
     * default, port 9081), with the {@link #DEFAULT_DEADLINE}.
     */
    public static RetailGrpcClient connect(String host, int port) {
        return of(Grpc.newChannelBuilderForAddress(host, port, InsecureChannelCredentials.create()).build(),
                DEFAULT_DEADLINE);
    }

    /**
     * A client on a channel you built (TLS, load balancing, interceptors); closing the
     * client shuts the channel down.
     */
    public static RetailGrpcClient of(ManagedChannel channel, Duration defaultDeadline) {
        return new RetailGrpcClient(channel, defaultDeadline);
    }

    public CustomersGrpc.CustomersBlockingStub customers() {
        return CustomersGrpc.newBlockingStub(this.calls);
    }

    /** For the invoice stream as it arrives, and calls that must not block a thread. */
    public CustomersGrpc.CustomersStub customersAsync() {
        return CustomersGrpc.newStub(this.calls);
    }

    public InvoicesGrpc.InvoicesBlockingStub invoices() {
        return InvoicesGrpc.newBlockingStub(this.calls);
    }

    public InvoicesGrpc.InvoicesFutureStub invoicesAsync() {
        return InvoicesGrpc.newFutureStub(this.calls);
    }

    public StockCodesGrpc.StockCodesBlockingStub stockCodes() {
        return StockCodesGrpc.newBlockingStub(this.calls);
    }

    public StockCodesGrpc.StockCodesFutureStub stockCodesAsync() {
        return StockCodesGrpc.newFutureStub(this.calls);
    }

    /** Shuts the channel down, waiting up to 5 seconds for calls in flight. */
    @Override
    public void close() {
        this.channel.shutdown();
        try {
            if (!this.channel.awaitTermination(5, TimeUnit.SECONDS)) {
                this.channel.shutdownNow();
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            this.channel.shutdownNow();
        }
    }

    /** Gives each call without a deadline one, counted from when the call starts. */
    private record DefaultDeadline(Duration deadline) implements ClientInterceptor {

        @Override
        public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
            CallOptions effective = (options.getDeadline() != null) ? options
                    : options.withDeadlineAfter(this.deadline.toNanos(), TimeUnit.NANOSECONDS);
            return next.newCall(method, effective);
        }

    }

}
