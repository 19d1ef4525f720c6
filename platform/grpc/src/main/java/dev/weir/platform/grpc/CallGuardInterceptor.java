package dev.weir.platform.grpc;

import java.util.List;
import java.util.Optional;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;

import dev.weir.platform.error.WeirException;
import dev.weir.platform.grpc.spi.CallGuard;

/**
 * Asks the service's {@link CallGuard}s before a call starts; the first refusal is
 * thrown, and the error mapping (which runs outside this) closes the call with its
 * status. The handler never hears of a refused call.
 */
final class CallGuardInterceptor implements ServerInterceptor {

    private final List<CallGuard> guards;

    CallGuardInterceptor(List<CallGuard> guards) {
        this.guards = List.copyOf(guards);
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String method = call.getMethodDescriptor().getFullMethodName();
        for (CallGuard guard : this.guards) {
            Optional<WeirException> refusal = guard.check(method, headers);
            if (refusal.isPresent()) {
                throw refusal.get();
            }
        }
        return next.startCall(call, headers);
    }

}
