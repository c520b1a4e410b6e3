package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.sync.Direction;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "push", mixinStandardHelpOptions = true,
        header = "Send local changes only; remote changes wait.",
        description = "Sends the local changes of DIR; remote changes wait for the next sync or pull. --mode all makes "
                + "the vault match every local file (local wins); blobs the server holds are never sent again.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync push ~/notes", "  skysync push ~/notes --mode all --dry-run"})
final class PushCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder")
    String dir;

    @Option(names = "--mode", defaultValue = "incremental", paramLabel = "incremental|all",
            description = "incremental (default): files changed since the last sync; all: every local file")
    String mode;

    @Option(names = "--dry-run", description = "show what would be sent, change nothing")
    boolean dryRun;

    @Option(names = "--force", description = "on a conflict, commit the local version over the remote one (as --mode all)")
    boolean force;

    PushCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        boolean all = switch (mode) {
            case "incremental" -> false;
            case "all" -> true;
            default -> throw new UserError("unknown --mode '" + mode + "': use incremental or all");
        };
        return SyncRunner.run(cli, parent.global, cli.resolve(dir), false,
                o -> o.withDirection(Direction.PUSH).withDryRun(dryRun).withPushAll(all || force));
    }
}
