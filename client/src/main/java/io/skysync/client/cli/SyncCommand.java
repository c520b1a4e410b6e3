package io.skysync.client.cli;

import io.skysync.client.sync.SyncOptions;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "sync", mixinStandardHelpOptions = true,
        header = "Sync a folder both ways: send local changes, fetch remote ones.",
        description = "Two-way sync of DIR (default: the current folder); conflicts follow --on-conflict. A folder "
                + "that was never initialized is initialized on the local backend (vault 'default').",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync sync ~/notes", "  skysync sync ~/notes --dry-run --on-conflict newest"})
final class SyncCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder")
    String dir;

    @Option(names = "--dry-run", description = "show what would be done, change nothing")
    boolean dryRun;

    SyncCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return SyncRunner.run(cli, parent.global, cli.resolve(dir), true, options -> options.withDryRun(dryRun));
    }

    /** Adjusts the run's options for one command. */
    interface Tweak {
        SyncOptions apply(SyncOptions options);
    }
}
