package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.DeviceDto;
import io.skysync.api.EntryDto;
import io.skysync.api.HistoryResponse;
import io.skysync.client.config.UserError;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "history", mixinStandardHelpOptions = true,
        header = "List the kept versions of a file, deletions included.",
        description = "Lists the kept versions of a file, newest first: when, which device, size, content hash. A "
                + "deleted file's history is kept too; bring a version back with 'skysync restore'.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync history ~/notes/a.txt", "  skysync history a.txt -C ~/notes --json"})
final class HistoryCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "PATH", description = "a file of a synced folder (it may be deleted)")
    String file;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "the synced folder PATH is relative to")
    String dir;

    HistoryCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FolderPath target = FolderPath.of(cli, dir, file);
        try (Session session = Session.openRemote(cli, parent.global, target.root())) {
            HistoryResponse history;
            try {
                history = session.remote.history(target.path(), 1000);
            } catch (SkysyncException e) {
                if (e.code() == ErrorCode.NOT_FOUND) {
                    throw new UserError("vault '" + session.config.vault() + "' never had "
                            + target.path() + "; check the path (it is relative to " + target.root() + ")", e);
                }
                throw e;
            }
            if (parent.global.json) {
                cli.out.println(new String(ApiJson.write(history), StandardCharsets.UTF_8));
                return ExitCode.OK;
            }
            Map<String, String> names = deviceNames(session);
            String format = "%7s  %-19s  %-16s %12s  %s";
            cli.out.println(String.format(format, "VERSION", "WHEN (UTC)", "DEVICE", "SIZE", "CONTENT"));
            for (EntryDto v : history.versions()) {
                cli.out.println(String.format(format, v.version(), Times.stamp(v.updatedAt()),
                        names.getOrDefault(v.device(), v.device()), v.deleted() ? "-" : Long.toString(v.size()),
                        content(v)));
            }
            return ExitCode.OK;
        }
    }

    /** The content's short hash (of the whole file, also for a chunked one, which says so). */
    static String content(EntryDto v) {
        if (v.deleted()) {
            return "(deleted)";
        }
        return v.hash().substring(0, 12) + (v.recipe() == null ? "" : " (chunked)");
    }

    /** Entries name their writer by device id; people know devices by name. */
    static Map<String, String> deviceNames(Session session) {
        Map<String, String> names = new HashMap<>();
        for (DeviceDto d : session.devices().list().devices()) {
            names.put(d.id(), d.name());
        }
        return names;
    }
}
