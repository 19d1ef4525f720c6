package dev.weir.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/**
 * How every {@code weir} command fails: one line on stderr, {@code weir <command>:
 * <what went wrong>}, and a distinct exit status ({@link ExitCode}). Commands throw
 * ({@link CommandFailure}, or let an {@link AdminClient} exception through) instead of
 * catching and printing; this handler, installed on the whole command line, does the
 * rest. A stack trace is printed only with {@code WEIR_DEBUG=true}.
 */
final class Failures implements IExecutionExceptionHandler {

    private final boolean debug;

    Failures(boolean debug) {
        this.debug = debug;
    }

    static Failures fromEnvironment() {
        return new Failures("true".equalsIgnoreCase(System.getenv("WEIR_DEBUG")));
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        command.getOut().flush();
        err.println(command.getCommandSpec().qualifiedName() + ": " + oneLine(message(ex)));
        if (this.debug) {
            ex.printStackTrace(err);
        }
        err.flush();
        return exitCode(ex);
    }

    /** The exit status of a command that threw {@code ex}. */
    static int exitCode(Throwable ex) {
        return switch (ex) {
            case CommandFailure failure -> failure.exitCode();
            case AdminClient.ProblemException problem -> ExitCode.forHttpStatus(problem.status());
            case AdminClient.UnreachableException unreachable -> ExitCode.NOT_UP;
            default -> ExitCode.FAILED;
        };
    }

    private static String message(Throwable ex) {
        if (ex instanceof CommandFailure || ex instanceof AdminClient.ProblemException
                || ex instanceof AdminClient.UnreachableException) {
            return ex.getMessage();
        }
        String detail = (ex.getMessage() != null) ? ex.getMessage().strip() : ex.getClass().getName();
        return "failed unexpectedly (" + ex.getClass().getSimpleName() + "): " + detail
                + " (WEIR_DEBUG=true shows where)";
    }

    /**
     * The message on one line, with control characters escaped: a message may quote what
     * a service or a file said, which must never drive the terminal.
     */
    static String oneLine(String message) {
        StringBuilder line = new StringBuilder(message.length());
        message.strip().codePoints().forEach((c) -> {
            if (c == '\n' || c == '\r' || c == '\t') {
                line.append(' ');
            }
            else if (Character.isISOControl(c)) {
                line.append(String.format("\\u%04x", c));
            }
            else {
                line.appendCodePoint(c);
            }
        });
        return line.toString();
    }

}
