package dev.weir.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code weir connector list|run|status}: pull connectors, through the Ingest service's
 * admin API of a running Weir.
 */
@Command(name = "connector", mixinStandardHelpOptions = true,
        description = {
                "Pull connectors (FHRS, Open-Meteo, your own YAML in $WEIR_DATA_DIR/connectors): list them, "
                        + "run one and follow it, see its runs and checkpoints.",
                "They ask the Ingest service of a running Weir (`weir up`, or --url / WEIR_URL): runs happen in the "
                        + "service. See docs/connectors.md." },
        subcommands = { ConnectorListCommand.class, ConnectorRunCommand.class, ConnectorStatusCommand.class,
                ConnectorCheckCommand.class, ConnectorPreviewCommand.class })
final class ConnectorCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        this.spec.commandLine().usage(this.spec.commandLine().getOut());
        return 0;
    }

    /** The first 16 characters of an ISO instant (minutes), or {@code fallback}. */
    static String minutes(tools.jackson.databind.JsonNode instant, String fallback) {
        String text = instant.asString("");
        return (text.length() >= 16) ? text.substring(0, 16) : fallback;
    }

    /** The first 19 characters of an ISO instant (seconds), or {@code fallback}. */
    static String seconds(tools.jackson.databind.JsonNode instant, String fallback) {
        String text = instant.asString("");
        return (text.length() >= 19) ? text.substring(0, 19) : fallback;
    }

}
