package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.EntryDto;
import io.skysync.api.HistoryResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "history", mixinStandardHelpOptions = true, description = "List the kept versions of a file, newest first.")
final class HistoryCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "PATH", description = "a file of a synced folder")
    String file;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "the synced folder PATH is relative to")
    String dir;

    HistoryCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FolderPath target = FolderPath.of(cli, dir, file);
        try (Session session = Session.open(cli, parent.global, target.root(), false)) {
            HistoryResponse history = session.remote.history(target.path(), 100);
            if (parent.global.json) {
                cli.out.println(new String(ApiJson.write(history), StandardCharsets.UTF_8));
                return ExitCode.OK;
            }
            cli.out.println(String.format("%-8s %-24s %12s  %-14s %s", "VERSION", "WHEN", "SIZE", "DEVICE", "CONTENT"));
            for (EntryDto v : history.versions()) {
                cli.out.println(String.format("%-8d %-24s %12s  %-14s %s", v.version(), v.updatedAt(),
                        v.deleted() ? "-" : Long.toString(v.size()), v.device(),
                        v.deleted() ? "(deleted)" : v.hash().substring(0, 12)));
            }
            return ExitCode.OK;
        }
    }
}
