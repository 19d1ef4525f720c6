package dev.weir.testing.infra;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Ports for the servers a test starts itself.
 * <p>
 * They come from below the operating system's ephemeral range (Linux: 32768-60999), not
 * from it: every outgoing connection on the machine (a Kafka client, a pooled database
 * connection, another build) takes an ephemeral port as its own, so a port picked there
 * and bound a few seconds later by a {@code weir up} is sometimes taken by then — which
 * failed a launcher test on a busy machine. Ports here are only ever taken by a program
 * binding them on purpose. Each JVM walks the range from a random place, so it never
 * hands out the same port twice and two test JVMs rarely meet.
 */
public final class TestPorts {

    private static final int FIRST = 20_000;

    private static final int LAST = 32_000;

    private static final AtomicInteger NEXT = new AtomicInteger(ThreadLocalRandom.current().nextInt(FIRST, LAST));

    private TestPorts() {
    }

    /**
     * A port nothing listens on at the time of the call, none this JVM was given before
     * (until the range of 12,000 comes round). Another program may still bind it before
     * the test does.
     */
    public static int free() {
        for (int tries = 0; tries < LAST - FIRST; tries++) {
            int port = NEXT.getAndUpdate((current) -> (current + 1 < LAST) ? current + 1 : FIRST);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + FIRST + " and " + LAST);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        }
        catch (IOException ex) {
            return false;
        }
    }

}
