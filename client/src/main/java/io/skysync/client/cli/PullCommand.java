package io.skysync.client.cli;

import io.skysync.client.sync.Direction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "pull", mixinStandardHelpOptions = true,
        header = "Fetch remote changes only; local changes wait.",
        description = "Fetches the remote changes into DIR; local changes are kept and wait for the next sync or push.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync pull ~/notes", "  skysync pull --dry-run"})
final class PullCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder")
    String dir;

    @Option(names = "--dry-run", description = "show what would be fetched, change nothing")
    boolean dryRun;

    PullCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        return SyncRunner.run(cli, parent.global, cli.resolve(dir), false,
                o -> o.withDirection(Direction.PULL).withDryRun(dryRun));
    }
}
