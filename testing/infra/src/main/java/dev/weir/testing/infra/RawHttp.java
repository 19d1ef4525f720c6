package dev.weir.testing.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * HTTP/1.1 written by hand on a socket, for what a well-behaved client cannot send: a URI
 * the web server must refuse ({@code %2e%2e}, {@code %00}), a broken query, a body that
 * is not what its headers say. Each request closes its connection; the answer is read
 * whole.
 */
public final class RawHttp {

    private final int port;

    private final String headerLines;

    /**
     * @param headers header lines every request carries, such as
     * {@code "Authorization: Bearer ..."}
     */
    public RawHttp(int port, String... headers) {
        this.port = port;
        StringBuilder lines = new StringBuilder();
        for (String header : headers) {
            lines.append(header).append("\r\n");
        }
        this.headerLines = lines.toString();
    }

    /** A request without a body; {@code target} is sent as it is. */
    public Answer send(String method, String target) {
        return sendRaw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + this.headerLines
                + "Connection: close\r\n\r\n");
    }

    /** A request with a body of {@code contentType}. */
    public Answer send(String method, String target, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return sendRaw(method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + this.headerLines + "Content-Type: "
                + contentType + "\r\nContent-Length: " + bytes.length + "\r\nConnection: close\r\n\r\n" + body);
    }

    /** {@code request} exactly as given. */
    public Answer sendRaw(String request) {
        try (Socket socket = new Socket("127.0.0.1", this.port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer);
            return new Answer(answer.toString(StandardCharsets.UTF_8));
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** An answer as it came on the wire. */
    public record Answer(String text) {

        /** The status code of the status line, or -1 when there is none. */
        public int status() {
            String[] statusLine = this.text.split("\r\n", 2)[0].split(" ");
            return (statusLine.length > 1 && statusLine[0].startsWith("HTTP/")) ? Integer.parseInt(statusLine[1]) : -1;
        }

        /** A header's value, or an empty string when absent. */
        public String header(String name) {
            int end = this.text.indexOf("\r\n\r\n");
            for (String line : this.text.substring(0, (end < 0) ? this.text.length() : end).split("\r\n")) {
                if (line.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT) + ":")) {
                    return line.substring(name.length() + 1).strip();
                }
            }
            return "";
        }

        /** What follows the headers. */
        public String body() {
            int end = this.text.indexOf("\r\n\r\n");
            return (end < 0) ? "" : this.text.substring(end + 4);
        }

        @Override
        public String toString() {
            return this.text;
        }

    }

}
