package dev.weir.testing.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;

/** Ports for the servers a test starts itself. */
public final class TestPorts {

    private TestPorts() {
    }

    /**
     * A port nothing listens on at the time of the call, picked by the operating system
     * from its ephemeral range. Another process may still take it before the test binds
     * it.
     */
    public static int free() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

}
