package dev.weir.platform.security;

import java.util.Optional;

import io.grpc.Metadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.weir.platform.error.WeirException;
import dev.weir.platform.grpc.spi.CallGuard;

/**
 * The edge's token check on every gRPC call, as platform/grpc's {@link CallGuard}:
 * {@code UNAUTHENTICATED} without a valid bearer token in the {@code authorization}
 * metadata, {@code PERMISSION_DENIED} when it lacks the method's scope; health and
 * reflection are open ({@code weir.security.public-grpc}).
 */
final class JwtCallGuard implements CallGuard {

    private static final Logger log = LoggerFactory.getLogger(JwtCallGuard.class);

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization",
            Metadata.ASCII_STRING_MARSHALLER);

    private final Guard guard;

    JwtCallGuard(Guard guard) {
        this.guard = guard;
    }

    @Override
    public Optional<WeirException> check(String fullMethodName, Metadata headers) {
        Refusal refusal = this.guard.checkGrpc(fullMethodName, headers.get(AUTHORIZATION));
        if (refusal == null) {
            return Optional.empty();
        }
        log.info("Refused gRPC {}: {} ({})", fullMethodName, refusal.status(), refusal.detail());
        return Optional.of(GuardRefusal.of(refusal));
    }

}
