package dev.weir.edge.gate;

import java.io.IOException;

import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/** The response, counting the body bytes written, for usage metering. */
final class CountingResponse extends HttpServletResponseWrapper {

    private long written;

    private ServletOutputStream stream;

    CountingResponse(HttpServletResponse response) {
        super(response);
    }

    long written() {
        return this.written;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (this.stream == null) {
            ServletOutputStream out = super.getOutputStream();
            this.stream = new ServletOutputStream() {

                @Override
                public void write(int b) throws IOException {
                    out.write(b);
                    CountingResponse.this.written++;
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                    CountingResponse.this.written += len;
                }

                @Override
                public void flush() throws IOException {
                    out.flush();
                }

                @Override
                public void close() throws IOException {
                    out.close();
                }

                @Override
                public boolean isReady() {
                    return out.isReady();
                }

                @Override
                public void setWriteListener(WriteListener listener) {
                    out.setWriteListener(listener);
                }

            };
        }
        return this.stream;
    }

}
