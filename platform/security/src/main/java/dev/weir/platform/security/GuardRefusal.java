package dev.weir.platform.security;

import dev.weir.platform.error.ErrorKind;
import dev.weir.platform.error.WeirException;

/**
 * A {@link Refusal} as the failure every transport maps: 401 {@code UNAUTHENTICATED}, 403
 * {@code FORBIDDEN} (gRPC {@code PERMISSION_DENIED}) or 400 {@code MALFORMED}, with the
 * refusal's own problem type ({@code invalid-token}, {@code insufficient-scope}, ...).
 */
final class GuardRefusal extends WeirException {

    private GuardRefusal(ErrorKind kind, Refusal refusal) {
        super(kind, refusal.slug(), refusal.title(), refusal.detail());
    }

    static GuardRefusal of(Refusal refusal) {
        ErrorKind kind = switch (refusal.status()) {
            case 401 -> ErrorKind.UNAUTHENTICATED;
            case 403 -> ErrorKind.FORBIDDEN;
            default -> ErrorKind.MALFORMED;
        };
        return new GuardRefusal(kind, refusal);
    }

}
