package dev.weir.cli;

import java.io.Console;
import java.util.Map;

/**
 * What the process writes to: a live progress bar only on an interactive terminal (not on
 * a pipe, a file or a CI log), and colour only there and when {@code NO_COLOR} is not set
 * (https://no-color.org) and {@code TERM} is not {@code dumb}.
 */
final class Terminal {

    private final boolean interactive;

    private final Map<String, String> environment;

    Terminal(boolean interactive, Map<String, String> environment) {
        this.interactive = interactive;
        this.environment = environment;
    }

    /** This process's terminal, if any. */
    static Terminal current() {
        return new Terminal(consoleIsTerminal(), System.getenv());
    }

    /** Whether the process is attached to an interactive terminal. */
    boolean interactive() {
        return this.interactive;
    }

    /** Whether output may be coloured. */
    boolean colour() {
        String noColor = this.environment.get("NO_COLOR");
        return this.interactive && (noColor == null || noColor.isEmpty())
                && !"dumb".equals(this.environment.get("TERM"));
    }

    /**
     * On JDK 22 and later {@code System.console()} exists for pipes too;
     * {@code isTerminal()} tells whether it is one.
     */
    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(console);
        }
        catch (ReflectiveOperationException ex) {
            return true;
        }
    }

}
