package dev.weir.platform.grpc;

import io.grpc.ForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import org.slf4j.MDC;

/**
 * Tags every log line written while serving a call with the service's name (MDC key
 * {@code service}), as the web module's filter does for HTTP requests: several Weir
 * services share one JVM and one logging system under {@code weir up}.
 */
final class ServiceLogTagInterceptor implements ServerInterceptor {

    static final String MDC_KEY = "service";

    private final String service;

    ServiceLogTagInterceptor(String service) {
        this.service = service;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        ServerCall.Listener<Q> listener = taggedCall(() -> next.startCall(call, headers));
        return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(listener) {

            @Override
            public void onMessage(Q message) {
                tagged(() -> super.onMessage(message));
            }

            @Override
            public void onHalfClose() {
                tagged(super::onHalfClose);
            }

            @Override
            public void onCancel() {
                tagged(super::onCancel);
            }

            @Override
            public void onComplete() {
                tagged(super::onComplete);
            }

            @Override
            public void onReady() {
                tagged(super::onReady);
            }

        };
    }

    private void tagged(Runnable work) {
        taggedCall(() -> {
            work.run();
            return null;
        });
    }

    private <T> T taggedCall(java.util.function.Supplier<T> work) {
        String previous = MDC.get(MDC_KEY);
        MDC.put(MDC_KEY, this.service);
        try {
            return work.get();
        }
        finally {
            if (previous != null) {
                MDC.put(MDC_KEY, previous);
            }
            else {
                MDC.remove(MDC_KEY);
            }
        }
    }

}
