package dev.weir.platform.grpc;

import io.grpc.ForwardingServerCall;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes every failed call with the status {@link StatusMapping} gives its failure,
 * whether the handler threw or passed the failure to {@code onError}: endpoints throw
 * {@code WeirException} and never build a status themselves. A request that cannot be
 * parsed fails here too (see {@code WeirGrpcServer}). Once a call has failed, the handler
 * hears nothing more of it (no half-close after a message that could not be read).
 */
final class ErrorMappingInterceptor implements ServerInterceptor {

    private static final Logger log = LoggerFactory.getLogger(ErrorMappingInterceptor.class);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        MappingCall<Q, R> mapping = new MappingCall<>(call);
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(mapping, headers);
        }
        catch (RuntimeException ex) {
            mapping.fail(ex);
            return new ServerCall.Listener<>() {
            };
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

            @Override
            public void onMessage(Q message) {
                if (mapping.closed) {
                    return;
                }
                try {
                    super.onMessage(message);
                }
                catch (RuntimeException ex) {
                    mapping.fail(ex);
                }
            }

            @Override
            public void onHalfClose() {
                if (mapping.closed) {
                    return;
                }
                try {
                    super.onHalfClose();
                }
                catch (RuntimeException ex) {
                    mapping.fail(ex);
                }
            }

            @Override
            public void onReady() {
                if (mapping.closed) {
                    return;
                }
                try {
                    super.onReady();
                }
                catch (RuntimeException ex) {
                    mapping.fail(ex);
                }
            }

        };
    }

    private static final class MappingCall<Q, R> extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {

        private volatile boolean closed;

        MappingCall(ServerCall<Q, R> delegate) {
            super(delegate);
        }

        /** Maps the status; a second close (the call failed already) is dropped. */
        @Override
        public synchronized void close(Status status, Metadata trailers) {
            if (this.closed) {
                return;
            }
            StatusRuntimeException mapped = StatusMapping.map(status, trailers,
                    getMethodDescriptor().getFullMethodName());
            this.closed = true;
            super.close(mapped.getStatus(), mapped.getTrailers());
        }

        void fail(RuntimeException failure) {
            if (this.closed) {
                log.warn("A gRPC handler failed after its call was closed", failure);
                return;
            }
            StatusRuntimeException mapped = StatusMapping.map(failure, getMethodDescriptor().getFullMethodName());
            close(mapped.getStatus(), mapped.getTrailers());
        }

    }

}
