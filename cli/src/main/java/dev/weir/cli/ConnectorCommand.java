package dev.weir.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import dev.weir.platform.error.WeirException;

/**
 * {@code weir connector list|run|status}: pull connectors, run in this process against a
 * running {@code weir up}.
 */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = {
                "Pull connectors (FHRS, Open-Meteo, your own YAML in $WEIR_DATA_DIR/connectors): list them, "
                        + "run one in this process, see its runs and checkpoints.",
                "They use the PostgreSQL and Kafka of a running `weir up` (same WEIR_DATA_DIR and ports, or "
                        + "WEIR_DB_URL and WEIR_KAFKA_BOOTSTRAP). See docs/connectors.md." },
        subcommands = { ConnectorListCommand.class, ConnectorRunCommand.class, ConnectorStatusCommand.class })
final class ConnectorCommand implements Callable<Integer> {

    /**
     * Exit status of a connector that does not exist or whose definition has problems.
     */
    static final int NOT_RUNNABLE = 2;

    /** Exit status when the connector is running elsewhere, or Weir is not up. */
    static final int UNAVAILABLE = 3;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    /**
     * Prints a refusal of the engine (unknown connector, invalid, running) and its
     * status. The detail names every problem of an invalid definition.
     */
    static int refused(PrintWriter err, String command, WeirException ex) {
        err.println("weir connector " + command + ": " + ex.detail());
        return switch (ex.kind()) {
            case NOT_FOUND, INVALID, MALFORMED -> NOT_RUNNABLE;
            default -> UNAVAILABLE;
        };
    }

}
