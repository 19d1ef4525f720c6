package dev.weir.cli;

import picocli.CommandLine.Command;

/** {@code weir import DATASET FILE}: bulk imports. */
@Command(name = "import", mixinStandardHelpOptions = true, description = "Bulk-import a data file.",
        subcommands = { ImportRetailCommand.class })
final class ImportCommand {

}
