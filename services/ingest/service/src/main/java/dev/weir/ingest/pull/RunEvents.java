package dev.weir.ingest.pull;

import java.io.IOException;
import java.time.Duration;
import java.util.Objects;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import dev.weir.ingest.pull.run.ConnectorRuns;
import dev.weir.ingest.pull.run.RunView;

/**
 * A run's progress as Server-Sent Events: the run is looked at every
 * {@value #EVERY_MILLIS} ms (its live report when it runs in this process, its history
 * row otherwise) and a {@code progress} event is sent when it changed, then one
 * {@code finished} event with the whole report. A comment every few seconds finds a
 * client that has gone; the run goes on without it.
 */
@Component
class RunEvents {

    private static final Logger log = LoggerFactory.getLogger(RunEvents.class);

    static final long EVERY_MILLIS = 250;

    private static final Duration KEEP_ALIVE = Duration.ofSeconds(5);

    /** How long a stream may stay open (the longest run followed). */
    private static final Duration TIMEOUT = Duration.ofDays(1);

    private final ConnectorRuns runs;

    RunEvents(ConnectorRuns runs) {
        this.runs = runs;
    }

    /**
     * Follows a run.
     * @throws dev.weir.platform.error.WeirException not found (404), before the stream
     * starts
     */
    SseEmitter follow(String name, UUID runId) {
        RunView first = this.runs.find(name, runId);
        SseEmitter emitter = new SseEmitter(TIMEOUT.toMillis());
        Thread.ofVirtual().name("ingest-run-events-" + name).start(() -> stream(emitter, name, runId, first));
        return emitter;
    }

    private void stream(SseEmitter emitter, String name, UUID runId, RunView first) {
        try {
            RunView run = first;
            Object sent = null;
            long lastSentNanos = System.nanoTime();
            while ("running".equals(run.status())) {
                Object progress = progressOf(run);
                if (!progress.equals(sent)) {
                    emitter.send(SseEmitter.event().name("progress").data(run, MediaType.APPLICATION_JSON));
                    sent = progress;
                    lastSentNanos = System.nanoTime();
                }
                else if (System.nanoTime() - lastSentNanos > KEEP_ALIVE.toNanos()) {
                    emitter.send(SseEmitter.event().comment("running"));
                    lastSentNanos = System.nanoTime();
                }
                Thread.sleep(EVERY_MILLIS);
                run = this.runs.find(name, runId);
            }
            emitter.send(SseEmitter.event().name("finished").data(run, MediaType.APPLICATION_JSON));
            emitter.complete();
        }
        catch (IOException | IllegalStateException ex) {
            // the client went away (or the stream timed out): the run goes on
            log.debug("Events of run {} of connector {} no longer followed: {}", runId, name, ex.toString());
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            emitter.complete();
        }
        catch (RuntimeException ex) {
            log.warn("Events of run {} of connector {} stopped: {}", runId, name, ex.toString());
            emitter.completeWithError(ex);
        }
    }

    /** What a progress event tells: the counts, live or committed. */
    private static Object progressOf(RunView run) {
        return (run.report() != null) ? run.report().counts() : Objects.hash(run.pages(), run.pagesSkipped(),
                run.records(), run.retries(), run.rateLimited(), run.deadLetters());
    }

}
