package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.index.IndexRow;
import io.skysync.client.sync.SafeRoot;
import io.skysync.client.sync.SyncReport;
import io.skysync.client.sync.SyncedContent;
import io.skysync.client.sync.UnsafePathException;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "resolve", mixinStandardHelpOptions = true,
        header = "Settle a conflict by keeping one version, or both.",
        description = "Settles a conflict, then syncs the result. PATH is the file or its conflict copy. local: keep "
                + "this device's version; remote: keep the other device's version; both: keep both as normal "
                + "files.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync resolve ~/notes/a.txt --keep local",
                "  skysync resolve a.conflict-desktop-20260102-030405.txt --keep both -C ~/notes"})
final class ResolveCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "PATH", description = "the file in conflict, or its conflict copy")
    String file;

    @Option(names = "--keep", required = true, paramLabel = "local|remote|both", description = "which version to keep")
    String keep;

    @Option(names = {"-C", "--dir"}, paramLabel = "DIR", description = "the synced folder PATH is relative to")
    String dir;

    ResolveCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("local", "remote", "both").contains(keep)) {
            throw new UserError("unknown --keep '" + keep + "': use local, remote or both");
        }
        FolderPath target = FolderPath.of(cli, dir, file);
        GlobalOptions global = parent.global;
        try (Session session = Session.open(cli, global, target.root(), false)) {
            Map<VaultPath, IndexRow> rows = session.index.load();
            List<ConflictCopies.Copy> copies = ConflictCopies.in(rows.values()).stream()
                    .filter(c -> c.copy().equals(target.path()) || c.original().equals(target.path())).toList();
            if (copies.isEmpty()) {
                throw new UserError("no conflict copy of " + target.path() + " (see 'skysync conflicts')");
            }
            if (copies.size() > 1 && !"remote".equals(keep) && !"both".equals(keep)) {
                throw new UserError(target.path() + " has " + copies.size() + " conflict copies; name the one to keep");
            }
            SafeRoot root = new SafeRoot(session.root);
            List<Map<String, Object>> resolved = new ArrayList<>();
            for (ConflictCopies.Copy copy : copies) {
                resolved.add(settle(root, rows, copy, session.config.device()));
            }
            SyncReport report = session.engine(global).run(session.options(global));
            session.endProgress();
            ReportPrinter.print(cli, global, report, -1, Map.of("resolved", resolved));
            return report.failures().isEmpty() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }

    /**
     * The copy holds this device's version if this device made it; "local" and "remote" follow from that.
     *
     * @return what was done, for {@code --json}: the copy, its original, the choice, and which file
     *     now hold the kept versions ({@code kept}) and, unless both were kept, the file removed ({@code removed})
     */
    private Map<String, Object> settle(SafeRoot root, Map<VaultPath, IndexRow> rows, ConflictCopies.Copy copy,
                                       String device) throws Exception {
        boolean copyIsLocal = copy.device().equals(device.replaceAll("[^A-Za-z0-9_-]", "_"));
        boolean keepCopy = "local".equals(keep) == copyIsLocal;
        Path copyFile = place(root, rows, copy.copy());
        Map<String, Object> done = new LinkedHashMap<>();
        done.put("original", copy.original().value());
        done.put("copy", copy.copy().value());
        done.put("keep", keep);
        if ("both".equals(keep)) {
            String plain = copy.copy().fileName().replace(".conflict-", ".");
            Files.move(copyFile, copyFile.resolveSibling(plain), StandardCopyOption.ATOMIC_MOVE);
            cli.say(parent.global, "kept both: " + copy.copy().withFileName(plain));
            done.put("kept", List.of(copy.original().value(), copy.copy().withFileName(plain).value()));
        } else if (keepCopy) {
            Path original = place(root, rows, copy.original());
            requireSynced(original, rows.get(copy.original()), copy.original());
            Files.move(copyFile, original, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            cli.say(parent.global, "kept the version from " + copy.device() + " as " + copy.original());
            done.put("kept", List.of(copy.original().value()));
            done.put("removed", copy.copy().value());
        } else {
            requireSynced(copyFile, rows.get(copy.copy()), copy.copy());
            Files.delete(copyFile);
            cli.say(parent.global, "kept " + copy.original() + "; removed " + copy.copy());
            done.put("kept", List.of(copy.original().value()));
            done.put("removed", copy.copy().value());
        }
        return done;
    }

    /** The file about to be replaced or removed holds what the vault has, or resolve stops before touching it. */
    private static void requireSynced(Path file, IndexRow row, VaultPath path) throws IOException {
        if (!SyncedContent.safeToReplace(file, row)) {
            throw new UserError(path + " changed since the last sync; run 'skysync sync' first, then resolve");
        }
    }

    private static Path place(SafeRoot root, Map<VaultPath, IndexRow> rows, VaultPath path) throws UnsafePathException {
        IndexRow row = rows.get(path);
        Path target = root.resolve(row != null ? row.localName() : path.value());
        root.checkParents(target);
        return target;
    }
}
