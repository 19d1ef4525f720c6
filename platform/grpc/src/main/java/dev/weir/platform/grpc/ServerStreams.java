package dev.weir.platform.grpc;

import java.util.Iterator;

import io.grpc.Context;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;

/**
 * Server streaming done right: messages are produced only as fast as the client reads
 * them, and producing stops when the client cancels or the deadline passes.
 */
public final class ServerStreams {

    private ServerStreams() {
    }

    /**
     * Sends the messages on a server-streaming call, then completes it. Returns at once;
     * the messages are pulled from the iterator whenever the call can take more (gRPC
     * flow control), so a lazy iterator that reads each message when asked reads nothing
     * the client does not take. Once the call is cancelled or past its deadline, no
     * further message is pulled. A failure of the iterator ends the call with the status
     * mapped from it (a {@code WeirException} as any other).
     * <p>
     * Call it last in the handler, with the handler's own {@code StreamObserver}.
     * @param responses the call's response observer
     * @param messages the messages, in order
     */
    public static <T> void send(StreamObserver<T> responses, Iterator<? extends T> messages) {
        ServerCallStreamObserver<T> call = (ServerCallStreamObserver<T>) responses;
        Pump<T> pump = new Pump<>(call, messages, Context.current());
        // With a cancel handler, a message sent after cancellation is dropped instead of
        // throwing; the pump checks for cancellation before pulling the next one anyway.
        call.setOnCancelHandler(pump::cancelled);
        call.setOnReadyHandler(pump);
    }

    /**
     * Runs on each onReady of the call (gRPC serialises them with the call's other
     * callbacks).
     */
    private static final class Pump<T> implements Runnable {

        private final ServerCallStreamObserver<T> call;

        private final Iterator<? extends T> messages;

        private final Context context;

        private volatile boolean done;

        Pump(ServerCallStreamObserver<T> call, Iterator<? extends T> messages, Context context) {
            this.call = call;
            this.messages = messages;
            this.context = context;
        }

        @Override
        public void run() {
            try {
                while (!this.done && this.call.isReady()) {
                    if (this.call.isCancelled() || this.context.isCancelled()) {
                        // gRPC has ended the call (CANCELLED or DEADLINE_EXCEEDED)
                        // already
                        this.done = true;
                    }
                    else if (!this.messages.hasNext()) {
                        this.done = true;
                        this.call.onCompleted();
                    }
                    else {
                        this.call.onNext(this.messages.next());
                    }
                }
            }
            catch (RuntimeException ex) {
                this.done = true;
                this.call.onError(ex);
            }
        }

        void cancelled() {
            this.done = true;
        }

    }

}
