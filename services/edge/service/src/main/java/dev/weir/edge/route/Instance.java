package dev.weir.edge.route;

import java.net.URI;
import java.time.Instant;

/**
 * One instance of a backend: its base URL and whether it is taken to be up (by its last
 * health check, or a connection just refused).
 */
final class Instance {

    private final URI uri;

    private volatile boolean up = true;

    private volatile Instant since = Instant.now();

    private volatile String reason = "not checked yet";

    Instance(URI uri) {
        this.uri = uri;
    }

    URI uri() {
        return this.uri;
    }

    boolean up() {
        return this.up;
    }

    /** Records a health check or a failure; true if that changed the state. */
    boolean mark(boolean up, String reason) {
        this.reason = reason;
        if (this.up == up) {
            return false;
        }
        this.up = up;
        this.since = Instant.now();
        return true;
    }

    InstanceView view() {
        return new InstanceView(this.uri.toString(), this.up ? "up" : "down", this.since, this.reason);
    }

    /**
     * An instance as the admin API shows it.
     *
     * @param url its base URL
     * @param state {@code up} or {@code down}
     * @param since since when
     * @param reason what the last check said
     */
    record InstanceView(String url, String state, Instant since, String reason) {
    }

}
