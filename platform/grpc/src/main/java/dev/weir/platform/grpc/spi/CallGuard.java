package dev.weir.platform.grpc.spi;

import java.util.Optional;

import io.grpc.Metadata;

import dev.weir.platform.error.WeirException;

/**
 * A check every gRPC call of a service passes before its handler runs (before its message
 * is even parsed): the gRPC side of {@code platform/web}'s {@code RequestGuard}, so no
 * transport is a way around it. A bean of this type is picked up by every Weir gRPC
 * server; none is installed by default. The edge's JWT check is one. Health and
 * reflection calls pass the guards too: a guard lets through what should stay open.
 * <p>
 * Guards run in their {@code @Order}; the first refusal answers, mapped to its gRPC
 * status as any {@link WeirException} ({@code UNAUTHENTICATED},
 * {@code PERMISSION_DENIED}, ...).
 */
@FunctionalInterface
public interface CallGuard {

    /**
     * Empty to let the call go on, or the failure to refuse it with
     * ({@link WeirException#unauthenticated}, {@link WeirException#forbidden}).
     * @param fullMethodName the method called, {@code retail.v1.Customers/GetCustomer}
     * @param headers the call's metadata ({@code authorization}, ...)
     */
    Optional<WeirException> check(String fullMethodName, Metadata headers);

}
