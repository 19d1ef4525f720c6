package dev.weir.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weir} command line: {@code weir import retail FILE}, and commands that ask
 * the running Weir by its admin APIs ({@code weir connector ...}, {@code weir topics},
 * {@code weir dlq ...}, {@code weir reconcile}). The launcher's {@code weir} executable
 * adds {@code weir up}.
 * <p>
 * Every command writes what it was asked for (a table, a report, or with {@code --json}
 * one JSON document) on stdout, and progress, messages and logs on stderr; it exits with
 * one of the statuses of {@link ExitCode}, failures being reported by {@link Failures}
 * (docs/cli.md).
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirCli.Version.class,
        description = "Weir pulls, accepts, cleans, loads and serves data. Start it with `weir up`.")
public final class WeirCli {

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /**
     * The command line with {@code first} (e.g. {@code weir up}) listed before the
     * commands of this module.
     */
    public static CommandLine commandLine(Object... first) {
        CommandLine weir = new CommandLine(new WeirCli());
        for (Object command : first) {
            weir.addSubcommand(command);
        }
        weir.addSubcommand(new ImportCommand());
        weir.addSubcommand(new ConnectorCommand());
        weir.addSubcommand(new TopicsCommand());
        weir.addSubcommand(new SimulateCommand());
        weir.addSubcommand(new LakeCommand());
        weir.addSubcommand(new DlqCommand());
        weir.addSubcommand(new ReconcileCommand());
        weir.addSubcommand(new KeysCommand());
        weir.addSubcommand(new ClientsCommand());
        weir.addSubcommand(new CompletionCommand());
        weir.addSubcommand(new CommandLine.HelpCommand());
        // set last: picocli passes these settings to the subcommands added so far
        return weir.setCaseInsensitiveEnumValuesAllowed(true).setExecutionExceptionHandler(Failures.fromEnvironment());
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = WeirCli.class.getPackage().getImplementationVersion();
            return new String[] { "weir " + ((version != null) ? version : "(development build)") };
        }

    }

}
