package dev.weir.platform.grpc;

import java.util.concurrent.TimeUnit;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.health.v1.HealthGrpc;

/**
 * Counts the calls in flight that a graceful shutdown waits for: every call but health
 * {@code Watch} streams, which last as long as their client likes (a load balancer's
 * watch would otherwise hold every shutdown for its whole grace period). Watchers are
 * told {@code NOT_SERVING} first, and cancelled when the calls that matter are done.
 */
final class CallsInFlight implements ServerInterceptor {

    private static final String WATCH = HealthGrpc.getWatchMethod().getFullMethodName();

    private int count;

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        if (WATCH.equals(call.getMethodDescriptor().getFullMethodName())) {
            return next.startCall(call, headers);
        }
        started();
        ServerCall.Listener<Q> listener;
        try {
            listener = next.startCall(call, headers);
        }
        catch (RuntimeException ex) {
            ended();
            throw ex;
        }
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

            private boolean ended;

            @Override
            public void onComplete() {
                try {
                    super.onComplete();
                }
                finally {
                    end();
                }
            }

            @Override
            public void onCancel() {
                try {
                    super.onCancel();
                }
                finally {
                    end();
                }
            }

            private void end() {
                if (!this.ended) {
                    this.ended = true;
                    ended();
                }
            }

        };
    }

    private synchronized void started() {
        this.count++;
    }

    private synchronized void ended() {
        this.count--;
        notifyAll();
    }

    /** Waits until no call is in flight, at most the given time; whether none is. */
    synchronized boolean awaitNone(long timeout, TimeUnit unit) throws InterruptedException {
        long deadline = System.nanoTime() + unit.toNanos(timeout);
        while (this.count > 0) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            TimeUnit.NANOSECONDS.timedWait(this, left);
        }
        return true;
    }

}
