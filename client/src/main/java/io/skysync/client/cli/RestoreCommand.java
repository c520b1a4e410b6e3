package io.skysync.client.cli;

import io.skysync.api.EntryDto;
import io.skysync.client.config.UserError;
import io.skysync.client.sync.Restorer;
import io.skysync.client.transfer.HttpTransfers;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "restore",
        header = "Bring back a kept version of a file, or a deleted file.",
        description = "Puts a kept version back (default: the newest one with content, so a deleted file comes back), "
                + "then syncs it as a new version: history is never rewritten. With --to, the version is written "
                + "under another path instead. Refuses to replace a file with unsynced local changes. 'skysync "
                + "trash' lists the deleted files that can come back.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync restore ~/notes/a.txt", "  skysync restore a.txt -C ~/notes --version 2 --to a-v2.txt"})
final class RestoreCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Mixin
    CliHelp.HelpOnly help;

    @Parameters(paramLabel = "PATH", description = "a file of a synced folder (it may be deleted)")
    String file;

    @Option(names = "--version", paramLabel = "N", description = "the version to restore (see 'skysync history')")
    Long version;

    @Option(names = "--to", paramLabel = "OTHER", description = "write the version to this path of the same folder instead")
    String to;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "the synced folder PATH is relative to")
    String dir;

    RestoreCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        FolderPath source = FolderPath.of(cli, dir, file);
        FolderPath target = to == null ? source : FolderPath.of(cli, dir, to);
        if (!target.root().equals(source.root())) {
            throw new UserError("--to " + to + " is not in the same synced folder as " + file);
        }
        GlobalOptions global = parent.global;
        try (Session session = Session.open(cli, global, source.root(), false)) {
            if (session.config.readOnly()) {
                throw new UserError("this device ('" + session.config.device() + "') is read-only and cannot restore;"
                        + " run the restore on a member or admin device");
            }
            EntryDto chosen = chosen(session, source.path());
            VaultPath path = target.path();
            if (to != null && !path.equals(source.path())
                    && Files.exists(session.root.resolve(path.value()), LinkOption.NOFOLLOW_LINKS)) {
                throw new UserError(path + " already exists; give --to a new path, or restore over it without --to");
            }
            new Restorer(session.remote, new HttpTransfers(cli.http(global.transfers()), cli.backoff()), session.root,
                    global.transfers())
                    .restore(source.path(), chosen, path, session.index.load().get(path));
            cli.say(global, "restored version " + chosen.version() + " of " + source.path()
                    + (path.equals(source.path()) ? "" : " as " + path) + "; syncing it as a new version");
            Map<String, Object> restored = new LinkedHashMap<>();
            restored.put("path", source.path().value());
            restored.put("version", chosen.version());
            restored.put("as", path.value());
            return SyncRunner.run(cli, global, session, options -> options, Map.of("restored", restored));
        }
    }

    private EntryDto chosen(Session session, VaultPath path) {
        List<EntryDto> versions;
        try {
            versions = session.remote.history(path, 1000).versions();
        } catch (SkysyncException e) {
            if (e.code() == ErrorCode.NOT_FOUND) {
                throw new UserError("vault '" + session.config.vault() + "' never had " + path + "; check the path", e);
            }
            throw e;
        }
        if (version != null && versions.stream().anyMatch(v -> v.version() == version && v.deleted())) {
            throw new UserError("version " + version + " of " + path + " is its deletion; pick a version with content"
                    + " (see 'skysync history " + path + "')");
        }
        return versions.stream()
                .filter(v -> !v.deleted() && (version == null || v.version() == version))
                .findFirst()
                .orElseThrow(() -> new UserError(version == null
                        ? "no version of " + path + " with content is kept"
                        : "version " + version + " of " + path + " is not kept (see 'skysync history " + path + "')"));
    }
}
