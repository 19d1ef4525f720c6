package dev.weir.retail.support;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.util.Callback;

import dev.weir.testing.infra.TestTokens;

/**
 * One unary gRPC call written frame by frame over cleartext HTTP/2, for what grpc-java
 * clients never send: a call whose {@code grpc-timeout} has run out by the time it
 * arrives (grpc-java fails such a call locally).
 */
public final class RawGrpcCall {

    private RawGrpcCall() {
    }

    /**
     * Sends one request message with these extra headers; answers the headers and
     * trailers the server sent (or the reset it sent instead).
     * @param path {@code /package.Service/Method}
     */
    public static Answer send(int port, String path, Map<String, String> headers, byte[] message) throws Exception {
        HTTP2Client client = new HTTP2Client();
        client.start();
        try {
            Session session = client.connect(new InetSocketAddress("127.0.0.1", port), new Session.Listener() {
            }).get(5, TimeUnit.SECONDS);
            HttpFields.Mutable fields = HttpFields.build()
                .put("content-type", "application/grpc")
                .put("te", "trailers")
                .put("authorization", TestTokens.bearer());
            headers.forEach(fields::put);
            MetaData.Request request = new MetaData.Request("POST", HttpURI.from("http://127.0.0.1:" + port + path),
                    HttpVersion.HTTP_2, fields);
            Map<String, String> received = new ConcurrentHashMap<>();
            CompletableFuture<Answer> answer = new CompletableFuture<>();
            Stream stream = session.newStream(new HeadersFrame(request, null, false), new Stream.Listener() {

                @Override
                public void onHeaders(Stream stream, HeadersFrame frame) {
                    frame.getMetaData()
                        .getHttpFields()
                        .forEach((f) -> received.put(f.getLowerCaseName(), f.getValue()));
                    if (frame.isEndStream()) {
                        answer.complete(new Answer(Map.copyOf(received), null));
                    }
                    else {
                        stream.demand();
                    }
                }

                @Override
                public void onDataAvailable(Stream stream) {
                    Stream.Data data = stream.readData();
                    if (data != null) {
                        data.release();
                        if (data.frame().isEndStream()) {
                            answer.complete(new Answer(Map.copyOf(received), null));
                            return;
                        }
                    }
                    stream.demand();
                }

                @Override
                public void onReset(Stream stream, ResetFrame frame, Callback callback) {
                    answer.complete(new Answer(Map.copyOf(received), frame.getError()));
                    callback.succeeded();
                }

            }).get(5, TimeUnit.SECONDS);
            ByteBuffer framed = ByteBuffer.allocate(5 + message.length);
            framed.put((byte) 0).putInt(message.length).put(message).flip();
            // the server may reset the stream before the message is written: the answer
            // tells
            stream.data(new DataFrame(stream.getId(), framed, true));
            return answer.get(10, TimeUnit.SECONDS);
        }
        finally {
            client.stop();
        }
    }

    /**
     * What came back.
     *
     * @param headers the response headers and trailers, lower-case names
     * @param resetError the HTTP/2 error code of a {@code RST_STREAM}, or {@code null}
     */
    public record Answer(Map<String, String> headers, Integer resetError) {

        /** The {@code grpc-status} code, or {@code null} when the server sent none. */
        public Integer grpcStatus() {
            String status = this.headers.get("grpc-status");
            return (status != null) ? Integer.valueOf(status) : null;
        }

    }

}
