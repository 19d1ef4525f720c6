package dev.weir.cli;

/**
 * A command could not do what was asked, for a reason its user can act on: the message is
 * printed on stderr as one line ({@code weir <command>: <message>}), without a stack
 * trace, and the process exits with {@link #exitCode()} ({@link ExitCode}). Throw it from
 * a command's {@code call()} rather than printing and returning a number.
 */
public final class CommandFailure extends RuntimeException {

    private final int exitCode;

    public CommandFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public CommandFailure(int exitCode, String message, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return this.exitCode;
    }

}
