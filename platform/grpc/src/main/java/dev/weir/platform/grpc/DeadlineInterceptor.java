package dev.weir.platform.grpc;

import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Never starts work whose caller has given up: a request whose deadline has passed, or
 * whose call was cancelled, by the time its handler would run (it waited in a queue, or
 * arrived late) is answered {@code DEADLINE_EXCEEDED} (or {@code CANCELLED}) without
 * calling the handler, so it costs no database query. Work already running sees the same
 * through {@link io.grpc.Context#current()}; {@link ServerStreams} stops a stream with
 * it.
 */
final class DeadlineInterceptor implements ServerInterceptor {

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {

            private boolean refused;

            @Override
            public void onMessage(Q message) {
                if (!refuse()) {
                    super.onMessage(message);
                }
            }

            @Override
            public void onHalfClose() {
                if (!refuse()) {
                    super.onHalfClose();
                }
            }

            /** Closes the call if its caller gave up; whether it did. */
            private boolean refuse() {
                if (this.refused) {
                    return true;
                }
                Context context = Context.current();
                Deadline deadline = context.getDeadline();
                if (deadline != null && deadline.isExpired()) {
                    this.refused = true;
                    call.close(
                            Status.DEADLINE_EXCEEDED
                                .withDescription("The deadline passed before the call was started; nothing was done."),
                            new Metadata());
                }
                else if (context.isCancelled()) {
                    this.refused = true;
                    call.close(Status.CANCELLED.withDescription("The call was cancelled before it was started."),
                            new Metadata());
                }
                return this.refused;
            }

        };
    }

}
