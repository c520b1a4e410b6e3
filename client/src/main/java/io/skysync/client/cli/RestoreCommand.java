package io.skysync.client.cli;

import io.skysync.api.EntryDto;
import io.skysync.client.config.UserError;
import io.skysync.client.sync.Restorer;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.transfer.HttpTransfers;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Bring back a kept version of a file (default: the newest one with content), then sync it",
                "as the file's new current version. Refuses to replace a file with unsynced local changes."})
final class RestoreCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "PATH", description = "a file of a synced folder")
    String file;

    @Option(names = "--version", paramLabel = "N", description = "the version to restore (see 'skysync history')")
    Long version;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "the synced folder PATH is relative to")
    String dir;

    RestoreCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FolderPath target = FolderPath.of(cli, dir, file);
        GlobalOptions global = parent.global;
        try (Session session = Session.open(cli, global, target.root(), false)) {
            EntryDto chosen = session.remote.history(target.path(), 1000).versions().stream()
                    .filter(v -> !v.deleted() && (version == null || v.version() == version))
                    .findFirst()
                    .orElseThrow(() -> new UserError(version == null
                            ? "no version of " + target.path() + " with content is kept"
                            : "version " + version + " of " + target.path() + " is not kept or was a deletion"));
            new Restorer(session.remote, new HttpTransfers(cli.http(global.transfers()), cli.backoff()), session.root)
                    .restore(target.path(), chosen, session.index.load().get(target.path()));
            cli.say(global, "restored " + target.path() + " to version " + chosen.version());
            SyncReport report = session.engine(global).run(session.options(global));
            ReportPrinter.print(cli, global, report);
            return report.clean() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }
}
