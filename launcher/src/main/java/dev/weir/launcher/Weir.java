package dev.weir.launcher;

import picocli.CommandLine;

import dev.weir.cli.WeirCli;

/**
 * The {@code weir} executable: the command line ({@link WeirCli}) with {@code weir up},
 * which starts Weir in this JVM and keeps it running.
 */
public final class Weir {

    private Weir() {
    }

    public static void main(String[] args) {
        CommandLine weir = WeirCli.commandLine(new UpCommand());
        UpCommand.describePorts(weir.getSubcommands().get("up").getCommandSpec());
        int exit = weir.execute(args);
        if (exit != 0 || !UpCommand.running()) {
            System.exit(exit);
        }
    }

}
