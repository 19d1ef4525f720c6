package dev.weir.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code weir} command line: {@code weir up}, {@code weir import retail FILE},
 * {@code weir --help}.
 */
@Command(name = "weir", mixinStandardHelpOptions = true, versionProvider = WeirCli.Version.class,
        description = "Weir pulls, accepts, cleans, loads and serves data. Start it with `weir up`.",
        subcommands = { UpCommand.class, ImportCommand.class, ConnectorCommand.class, TopicsCommand.class,
                CommandLine.HelpCommand.class })
public final class WeirCli {

    public static void main(String[] args) {
        int exit = new CommandLine(new WeirCli()).setCaseInsensitiveEnumValuesAllowed(true).execute(args);
        if (exit != 0 || !UpCommand.running()) {
            System.exit(exit);
        }
    }

    static final class Version implements CommandLine.IVersionProvider {

        @Override
        public String[] getVersion() {
            String version = WeirCli.class.getPackage().getImplementationVersion();
            return new String[] { "weir " + ((version != null) ? version : "(development build)") };
        }

    }

}
