package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.FolderConfig;
import io.skysync.client.config.UserError;
import io.skysync.client.sync.Step;
import io.skysync.client.sync.SyncReport;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "status", mixinStandardHelpOptions = true,
        header = "Show what a sync would do, changing nothing, and whether a watcher runs.",
        description = {"Lists local changes to send, remote changes to fetch and conflicts, without changing anything,",
                "and whether a watcher keeps the folder in sync (its last sync and last error)."},
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync status ~/notes", "  skysync status --json"})
final class StatusCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..1", description = "the synced folder")
    String dir;

    StatusCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        Path root = Session.requireFolder(cli.resolve(dir));
        WatcherReport watcher = WatcherReport.of(root);
        if (watcher.locked()) {
            if (!watcher.running()) {
                throw new UserError(watcher.holder().orElseThrow().refusal());
            }
            return watcherOnly(global, root, watcher, null);
        }
        try (Session session = Session.open(cli, global, root, false)) {
            SyncReport report = session.engine(quiet(global)).run(session.options(global).withDryRun(true));
            List<Step> steps = report.planned();
            List<String> local = lines(steps, true);
            List<String> remote = lines(steps, false);
            List<String> conflicts = steps.stream().filter(s -> s instanceof Step.KeepBoth
                    || (s instanceof Step.Hold h && h.conflict())).map(s -> s.path().value()).toList();
            if (global.json) {
                Map<String, Object> json = new LinkedHashMap<>();
                json.put("vault", session.config.vault().value());
                json.put("device", session.config.device());
                json.put("readOnly", session.config.readOnly());
                json.put("clean", steps.stream().noneMatch(s -> !(s instanceof Step.Adopt)));
                json.put("local", ReportPrinter.planned(steps.stream().filter(s -> s instanceof Step.Commit).toList()));
                json.put("remote", ReportPrinter.planned(steps.stream()
                        .filter(s -> s instanceof Step.Fetch || s instanceof Step.Touch || s instanceof Step.RemoveLocal)
                        .toList()));
                json.put("conflicts", conflicts);
                json.put("warnings", report.warnings());
                json.put("watcher", watcher.json());
                cli.out.println(new String(ApiJson.write(json), StandardCharsets.UTF_8));
                return ExitCode.OK;
            }
            cli.out.println("vault '" + session.config.vault() + "' as device '" + session.config.device() + "'");
            watcher.lines(cli.clock.instant()).forEach(cli.out::println);
            if (local.isEmpty() && remote.isEmpty() && conflicts.isEmpty()) {
                cli.out.println("nothing to sync, the folder is clean");
                return ExitCode.OK;
            }
            section(session.config.readOnly() ? "local changes (kept here: this device is read-only):"
                    : "local changes to send:", local);
            section("remote changes to fetch:", remote);
            section("conflicts:", conflicts.stream().map(p -> "  " + p).toList());
            return ExitCode.OK;
        } catch (SkysyncException e) {
            // A revoked device, a server that is down: what the watcher last did is still worth showing.
            return watcherOnly(global, root, watcher, e);
        }
    }

    /**
     * What can be said without the server's view, or without the folder lock while a watcher runs:
     * the watcher's report. With {@code error}, the server refused the dry run: shown, and the
     * exit code says so.
     */
    private int watcherOnly(GlobalOptions global, Path root, WatcherReport watcher, SkysyncException error) {
        FolderConfig config = ConfigFile.read(root);
        if (global.json) {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("vault", config.vault().value());
            json.put("device", config.device());
            json.put("readOnly", config.readOnly());
            json.put("watcher", watcher.json());
            if (error != null) {
                json.put("error", Map.of("code", error.code().wireName(), "message", error.getMessage()));
            }
            cli.out.println(new String(ApiJson.write(json), StandardCharsets.UTF_8));
            int status = error == null ? 0 : error.code().status();
            return error == null ? ExitCode.OK : status == 401 || status == 403 || status == 404 ? ExitCode.USAGE
                    : ExitCode.PARTIAL;
        }
        cli.out.println("vault '" + config.vault() + "' as device '" + config.device() + "'");
        watcher.lines(cli.clock.instant()).forEach(cli.out::println);
        if (error != null) {
            throw error;
        }
        cli.out.println("(changes waiting are not listed while the watcher runs: it syncs them)");
        return ExitCode.OK;
    }

    private static GlobalOptions quiet(GlobalOptions global) {
        GlobalOptions copy = new GlobalOptions();
        copy.quiet = true;
        copy.transfers = global.transfers;
        return copy;
    }

    private void section(String title, List<String> lines) {
        if (!lines.isEmpty()) {
            cli.out.println(title);
            lines.forEach(cli.out::println);
        }
    }

    private static List<String> lines(List<Step> steps, boolean local) {
        return steps.stream().filter(s -> local ? s instanceof Step.Commit
                        : s instanceof Step.Fetch || s instanceof Step.Touch || s instanceof Step.RemoveLocal)
                .map(s -> {
                    if (s instanceof Step.Commit c) {
                        return (c.deletion() ? "  deleted:  " : c.base().isNone() ? "  new:      " : "  modified: ") + s.path();
                    }
                    return (s instanceof Step.RemoveLocal ? "  deleted:  " : "  changed:  ") + s.path();
                }).toList();
    }
}
