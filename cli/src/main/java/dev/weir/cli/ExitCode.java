package dev.weir.cli;

/**
 * The exit statuses of every {@code weir} command, one per kind of outcome, so a script
 * can tell them apart ({@code docs/cli.md}). A command returns {@link #OK} or
 * {@link #FAILED} itself; the others come from {@link CommandFailure}s and from the
 * answers of Weir's services ({@link Failures} maps them).
 */
public final class ExitCode {

    /** Done as asked. */
    public static final int OK = 0;

    /**
     * What was asked ran and failed (a connector run that failed, an import rolled back),
     * or an unexpected error.
     */
    public static final int FAILED = 1;

    /** The command line is wrong: an unknown option, a missing argument (picocli's). */
    public static final int USAGE = 2;

    /**
     * The input is bad: a file not in the expected format, a connector definition with
     * problems, a request the service refused as invalid (HTTP 400, 422).
     */
    public static final int BAD_INPUT = 3;

    /** What was named does not exist: a file, a connector, a dataset (HTTP 404). */
    public static final int NOT_FOUND = 4;

    /**
     * Weir is not up: nothing answers at its URL, or the service is not ready (HTTP 502,
     * 503, 504), or it was lost while followed.
     */
    public static final int NOT_UP = 5;

    /**
     * The thing is busy elsewhere: a connector running in another process or replica
     * (HTTP 409).
     */
    public static final int BUSY = 6;

    /** Weir refused who is asking: no or a bad credential (HTTP 401, 403). */
    public static final int DENIED = 7;

    private ExitCode() {
    }

    /** The exit status for an error answer of a service with this HTTP status. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 413, 415, 422 -> BAD_INPUT;
            case 404, 410 -> NOT_FOUND;
            case 409, 423, 429 -> BUSY;
            case 401, 403 -> DENIED;
            case 502, 503, 504 -> NOT_UP;
            default -> FAILED;
        };
    }

}
