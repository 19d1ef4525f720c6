package dev.weir.platform.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;

/**
 * Background work yields to requests: a thread doing a service's background work (the
 * lake writer, the pipeline's cleaning and loading) calls {@link #lowerCurrentThread()}
 * when it starts, and the operating system then gives the threads answering requests
 * (pushes, reads, the edge) the cores first whenever both want them. On a laptop running
 * every service in one JVM on a few cores, a backlog of cleaning or Parquet writing
 * otherwise takes its share of the CPU from a client waiting for its {@code 202}; with
 * it, the backlog is worked off with what requests leave, and at full speed when they
 * leave everything (docs/design/background-priority.md).
 * <p>
 * The thread's nice value goes up by {@code WEIR_BACKGROUND_NICE} (system property
 * {@code weir.background-nice}; default {@value #DEFAULT_NICE}, at most 19; {@code 0}
 * turns it off). Threads the thread starts afterwards (DuckDB's, for one) inherit it.
 * Linux only, where each thread has a nice value of its own (the thread's id from
 * {@code /proc/thread-self}, the change made by util-linux's {@code renice}, which Java
 * 21 cannot call {@code setpriority} without); elsewhere, on a virtual thread, or without
 * {@code renice}, it does nothing. Raising a nice value needs no privileges.
 */
public final class BackgroundPriority {

    /** The default amount a background thread's nice value goes up by. */
    public static final int DEFAULT_NICE = 10;

    private static final Path THREAD_SELF = Path.of("/proc/thread-self");

    /** The nice value each thread was lowered to, so a second call changes nothing. */
    private static final ThreadLocal<OptionalInt> LOWERED = new ThreadLocal<>();

    private static final int NICE = configured(System.getProperty("weir.background-nice"),
            System.getenv("WEIR_BACKGROUND_NICE"));

    private BackgroundPriority() {
    }

    /**
     * Lowers the calling thread's priority by the configured amount, once: a thread that
     * calls again (a Kafka Streams thread initialising each task it is given) is left as
     * it is.
     * @return the thread's nice value now, or empty when nothing was changed (turned off,
     * not Linux, a virtual thread, no {@code renice}, or refused)
     */
    public static OptionalInt lowerCurrentThread() {
        return lowerCurrentThread(NICE);
    }

    /**
     * {@code work}, run by a thread that first {@link #lowerCurrentThread() lowers}
     * itself.
     */
    public static Runnable lowered(Runnable work) {
        return () -> {
            lowerCurrentThread();
            work.run();
        };
    }

    static OptionalInt lowerCurrentThread(int by) {
        OptionalInt already = LOWERED.get();
        if (already != null) {
            return already;
        }
        OptionalInt lowered = lower(by);
        LOWERED.set(lowered);
        return lowered;
    }

    private static OptionalInt lower(int by) {
        if (by <= 0 || Thread.currentThread().isVirtual() || !Files.isDirectory(THREAD_SELF)) {
            return OptionalInt.empty();
        }
        try {
            // "<pid>/task/<tid>"
            String tid = Files.readSymbolicLink(THREAD_SELF).getFileName().toString();
            int now = niceOfThisThread();
            int lowered = Math.min(19, now + by);
            Process renice = new ProcessBuilder("renice", "-n", Integer.toString(lowered), "-p", tid)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroyForcibly();
                return OptionalInt.empty();
            }
            int after = niceOfThisThread();
            return (after > now) ? OptionalInt.of(after) : OptionalInt.empty();
        }
        catch (IOException | RuntimeException ex) {
            return OptionalInt.empty();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return OptionalInt.empty();
        }
    }

    /**
     * The calling thread's nice value: field 19 of {@code /proc/thread-self/stat}, the
     * 17th after the command's closing parenthesis (a command may hold spaces).
     */
    static int niceOfThisThread() throws IOException {
        String stat = Files.readString(THREAD_SELF.resolve("stat"));
        String[] rest = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(rest[16]);
    }

    /**
     * The configured amount: the system property, else the variable, else the default.
     */
    static int configured(String property, String variable) {
        String value = (property != null && !property.isBlank()) ? property : variable;
        if (value == null || value.isBlank()) {
            return DEFAULT_NICE;
        }
        try {
            return Math.clamp(Integer.parseInt(value.strip()), 0, 19);
        }
        catch (NumberFormatException ex) {
            throw new IllegalArgumentException(
                    "WEIR_BACKGROUND_NICE (weir.background-nice) must be a number from 0 to 19, not '" + value + "'",
                    ex);
        }
    }

}
