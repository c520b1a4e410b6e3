package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.api.TrashResponse;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.VaultTrash;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "trash", mixinStandardHelpOptions = true,
        header = "List deleted files that can still be restored.",
        description = "Lists the files deleted from the vault whose content history still keeps: path, when it "
                + "was deleted and by which device, and the size and version that 'skysync restore PATH' brings "
                + "back. DIR is the synced folder, or a folder inside it to list only what was deleted there.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync trash ~/notes", "  skysync trash ~/notes/docs --json"})
final class TrashCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder, or a folder inside it")
    String dir;

    TrashCommand(CliContext cli) {
        this.cli = cli;
    }

    /** A deleted file as this command shows it: the server's item with its device named. */
    private record Deleted(VaultPath path, String deletedAt, String deletedBy, String deviceId, long version, long size,
                           String hash) {
    }

    @Override
    public Integer call() throws Exception {
        Path start = Session.requireFolder(cli.resolve(dir));
        Path root = start;
        while (root != null && !ConfigFile.exists(root)) {
            root = root.getParent();
        }
        if (root == null) {
            throw new UserError(start + " is not inside a skysync folder; give a synced folder (see 'skysync init')");
        }
        String prefix = prefix(root, start);
        GlobalOptions global = parent.global;
        try (Session session = Session.openRemote(cli, global, root)) {
            List<TrashResponse.Item> items = new VaultTrash(session.api, session.config.vault()).all();
            Map<String, String> names = HistoryCommand.deviceNames(session);
            List<Deleted> deleted = new ArrayList<>();
            int refused = 0;
            for (TrashResponse.Item item : items) {
                if (item.path() == null || item.last() == null || item.deletedAt() == null) {
                    refused++;
                    continue;
                }
                try {
                    VaultPath path = VaultPath.of(item.path());
                    if (path.value().startsWith(prefix)) {
                        deleted.add(new Deleted(path, item.deletedAt(), names.getOrDefault(item.deletedBy(), item.deletedBy()),
                                item.deletedBy(), item.last().version(), item.last().size(), item.last().hash()));
                    }
                } catch (SkysyncException e) {
                    // A path the server should never have accepted: not shown, never used.
                    refused++;
                }
            }
            if (global.json) {
                cli.out.println(new String(ApiJson.write(json(session, root, deleted)), StandardCharsets.UTF_8));
            } else {
                print(session, root, deleted);
            }
            if (refused > 0) {
                cli.err.println("skysync: left out " + refused + " item(s) of the server's answer that are not valid");
            }
            return ExitCode.OK;
        }
    }

    /** The vault path prefix of a folder inside the synced folder ("docs/"), or "" for the folder itself. */
    private static String prefix(Path root, Path folder) {
        StringBuilder name = new StringBuilder();
        root.relativize(folder).forEach(part -> name.append(part).append('/'));
        return name.toString().equals("/") ? "" : name.toString();
    }

    private void print(Session session, Path root, List<Deleted> deleted) {
        if (deleted.isEmpty()) {
            cli.out.println("no deleted files to restore in vault '" + session.config.vault() + "'");
            return;
        }
        String format = "%-19s  %-16s %12s %8s  %s";
        cli.out.println(String.format(format, "DELETED (UTC)", "BY", "SIZE", "VERSION", "PATH"));
        for (Deleted d : deleted) {
            cli.out.println(String.format(format, Times.stamp(d.deletedAt()), d.deletedBy(), d.size(), d.version(), d.path()));
        }
        cli.out.println("bring one back with: skysync restore PATH -C " + root);
    }

    private static Map<String, Object> json(Session session, Path root, List<Deleted> deleted) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("vault", session.config.vault().value());
        json.put("folder", root.toString());
        json.put("deleted", deleted.stream().map(d -> {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", d.path().value());
            item.put("deletedAt", d.deletedAt());
            item.put("deletedBy", d.deletedBy());
            item.put("deviceId", d.deviceId());
            item.put("version", d.version());
            item.put("size", d.size());
            item.put("hash", d.hash());
            return item;
        }).toList());
        return json;
    }
}
