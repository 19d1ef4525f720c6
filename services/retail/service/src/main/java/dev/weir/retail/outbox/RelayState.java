package dev.weir.retail.outbox;

import java.time.Instant;

/** What the relay of this process is doing, for health and logs. */
final class RelayState {

    enum Role {

        /** Not running (the service is starting or stopping). */
        STOPPED,

        /** Waiting to take over: another process's relay publishes. */
        STANDBY,

        /** This process's relay publishes. */
        LEADING

    }

    private volatile Role role = Role.STOPPED;

    private volatile Instant lastPublishedAt;

    private volatile Instant lastErrorAt;

    private volatile String lastError;

    Role role() {
        return this.role;
    }

    void role(Role role) {
        this.role = role;
    }

    void published() {
        this.lastPublishedAt = Instant.now();
    }

    void failed(Exception error) {
        this.lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
        this.lastErrorAt = Instant.now();
    }

    Instant lastPublishedAt() {
        return this.lastPublishedAt;
    }

    Instant lastErrorAt() {
        return this.lastErrorAt;
    }

    String lastError() {
        return this.lastError;
    }

}
