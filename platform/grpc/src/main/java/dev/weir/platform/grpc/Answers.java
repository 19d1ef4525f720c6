package dev.weir.platform.grpc;

import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

import io.grpc.stub.StreamObserver;

/** Answers a unary call from an asynchronous lookup. */
public final class Answers {

    private Answers() {
    }

    /**
     * Sends the found value mapped to its message, or fails the call: with the lookup's
     * failure, or with {@code missing} when nothing was found. Failures are mapped to
     * statuses by the error mapping, as if the endpoint had thrown them.
     */
    public static <T, M> void answer(StreamObserver<M> responses, Optional<T> found, Throwable failure,
            Function<T, M> message, Supplier<? extends RuntimeException> missing) {
        if (failure != null) {
            // a CompletionException around it is unwrapped by the error mapping
            responses.onError(failure);
        }
        else if (found.isEmpty()) {
            responses.onError(missing.get());
        }
        else {
            M answer;
            try {
                answer = message.apply(found.get());
            }
            catch (RuntimeException ex) {
                responses.onError(ex);
                return;
            }
            responses.onNext(answer);
            responses.onCompleted();
        }
    }

}
