package dev.weir.platform.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;

/**
 * Refuses a call whose metadata is larger than the limit with {@code RESOURCE_EXHAUSTED},
 * before its handler runs, and only that call. The HTTP/2 transport's own limit is set
 * well above this one ({@link WeirGrpcServer}): at its limit Netty rejects a stream only
 * at random (grpc-java's soft limit), and far beyond it sends GOAWAY, ending every call
 * on the connection. Sizes are counted as HTTP/2 counts a header list: each entry's name
 * and value bytes plus 32.
 */
final class MetadataLimitInterceptor implements ServerInterceptor {

    private final long limit;

    MetadataLimitInterceptor(long limit) {
        this.limit = limit;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        long size = size(headers);
        if (size > this.limit) {
            call.close(
                    Status.RESOURCE_EXHAUSTED.withDescription(
                            "The call's metadata has " + size + " bytes; the limit is " + this.limit + " bytes."),
                    new Metadata());
            return new ServerCall.Listener<>() {
            };
        }
        return next.startCall(call, headers);
    }

    static long size(Metadata headers) {
        long size = 0;
        for (String name : headers.keys()) {
            Iterable<byte[]> values = name.endsWith(Metadata.BINARY_HEADER_SUFFIX)
                    ? headers.getAll(Metadata.Key.of(name, Metadata.BINARY_BYTE_MARSHALLER))
                    : asciiValues(headers, name);
            if (values == null) {
                continue;
            }
            for (byte[] value : values) {
                size += name.length() + value.length + 32;
            }
        }
        return size;
    }

    private static Iterable<byte[]> asciiValues(Metadata headers, String name) {
        Iterable<String> values = headers.getAll(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
        if (values == null) {
            return null;
        }
        java.util.List<byte[]> bytes = new java.util.ArrayList<>();
        values.forEach((value) -> bytes.add(value.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        return bytes;
    }

}
