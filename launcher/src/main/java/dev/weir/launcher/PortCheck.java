package dev.weir.launcher;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.weir.platform.launch.ServiceLaunch;

/**
 * Before {@code weir up} starts anything: is every port it will listen on free? A taken
 * port is told in one line that names it, what would listen there, the variable that
 * moves it, and who holds it when that is another Weir ({@link RunningWeirs}), instead of
 * a service failing half-way through the start with a stack trace.
 */
final class PortCheck {

    /** A port {@code weir up} will listen on. */
    record Wanted(int port, String what, String variable) {
    }

    private final RunningWeirs running;

    PortCheck(RunningWeirs running) {
        this.running = running;
    }

    /**
     * The port a service's {@link ServiceLaunch.Port} resolves to in this environment.
     */
    static Wanted resolve(ServiceLaunch.Port port, Map<String, String> environment) {
        String value = environment.get(port.variable());
        int resolved = port.defaultPort();
        if (value != null && !value.isBlank()) {
            try {
                resolved = Integer.parseInt(value.strip());
            }
            catch (NumberFormatException ex) {
                throw new IllegalArgumentException(
                        port.variable() + " is \"" + value + "\", which is not a port number (1-65535).");
            }
        }
        return new Wanted(resolved, port.what(), port.variable());
    }

    /** Every service port of {@code launches} in this environment. */
    static List<Wanted> servicePorts(List<ServiceLaunch> launches, Map<String, String> environment) {
        List<Wanted> ports = new ArrayList<>();
        for (ServiceLaunch launch : launches) {
            ports.add(resolve(launch.port(), environment));
            launch.otherPorts().forEach((port) -> ports.add(resolve(port, environment)));
        }
        return ports;
    }

    /**
     * The first problem with {@code wanted}: a port taken (by another Weir or another
     * program) or given twice; empty when all are free.
     */
    Optional<String> problem(List<Wanted> wanted) {
        for (int i = 0; i < wanted.size(); i++) {
            Wanted port = wanted.get(i);
            if (port.port() < 0 || port.port() > 65535) {
                return Optional.of(port.variable() + " is " + port.port() + ", which is not a port number (1-65535).");
            }
            for (int j = 0; j < i; j++) {
                if (port.port() != 0 && wanted.get(j).port() == port.port()) {
                    return Optional.of("port " + port.port() + " is given both to " + wanted.get(j).what() + " (env "
                            + wanted.get(j).variable() + ") and to " + port.what() + " (env " + port.variable()
                            + "): give each its own.");
                }
            }
            if (port.port() != 0 && !free(port.port())) {
                String holder = this.running.holding(port.port())
                    .map((weir) -> "another Weir (pid " + weir.pid() + ", data in " + weir.dataDir()
                            + "): stop it, or give this one other ports")
                    .orElse("another program: stop it, or give Weir another port");
                return Optional.of("port " + port.port() + " (" + port.what() + ", env " + port.variable()
                        + ") is taken by " + holder + " (" + port.variable() + "=...).");
            }
        }
        return Optional.empty();
    }

    /** Whether nothing listens on {@code port}, on any address. */
    static boolean free(int port) {
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
