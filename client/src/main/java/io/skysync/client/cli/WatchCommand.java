package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.watch.Durations;
import io.skysync.client.watch.FolderWatcher;
import io.skysync.client.watch.Outcome;
import io.skysync.client.watch.RotatingLogFile;
import io.skysync.client.watch.WatchLog;
import io.skysync.client.watch.WatchSettings;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "watch", mixinStandardHelpOptions = true,
        header = "Keep folders in sync continuously, until stopped.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync watch ~/notes", "  skysync watch ~/notes ~/photos",
                "  skysync service install ~/notes      # the same, started at login"},
        description = {"Keep each DIR (default: the current folder) in sync continuously, until stopped (Ctrl-C, SIGTERM).",
                "Local changes are synced once they settle, remote ones as soon as the server tells of them;",
                "each sync is the one 'skysync sync' runs. Exit 0 when stopped, 2 when a folder stopped by itself",
                "(a revoked device, a folder that is gone or unmounted, a broken config)."})
final class WatchCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Parameters(paramLabel = "DIR", arity = "0..*", description = "the synced folders")
    List<String> dirs = new ArrayList<>();

    @Option(names = "--settle", defaultValue = "500ms", paramLabel = "DURATION",
            description = "sync local changes once the folder was quiet this long (default: ${DEFAULT-VALUE})")
    String settle;

    @Option(names = "--max-delay", defaultValue = "10s", paramLabel = "DURATION",
            description = "...but no later than this after the first change (default: ${DEFAULT-VALUE})")
    String maxDelay;

    @Option(names = "--poll-min", defaultValue = "2s", paramLabel = "DURATION",
            description = "ask the server for changes this soon after activity (default: ${DEFAULT-VALUE})")
    String pollMin;

    @Option(names = "--poll-max", defaultValue = "60s", paramLabel = "DURATION",
            description = "and at least this often when idle, at most 60s (default: ${DEFAULT-VALUE})")
    String pollMax;

    @Option(names = "--rescan", defaultValue = "10m", paramLabel = "DURATION",
            description = "a full sync at least this often, for changes no event told of (default: ${DEFAULT-VALUE})")
    String rescan;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "also log to FILE, rotated at 1 MiB, 3 old files kept")
    String logFile;

    WatchCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() throws Exception {
        GlobalOptions global = parent.global;
        global.policy(ConflictPolicy.KEEP_BOTH);
        global.transfers();
        WatchSettings settings = settings();
        Set<Path> roots = new LinkedHashSet<>();
        (dirs.isEmpty() ? List.of(".") : dirs).forEach(dir -> roots.add(cli.resolve(dir)));
        List<FolderWatcher> watchers = new CopyOnWriteArrayList<>();
        // Subscribed until everything is closed: the shutdown hook waits for that, not just for the loops.
        StopSignal.Subscription subscription = cli.host.stop().whenRequested(() -> watchers.forEach(FolderWatcher::stop));
        try (RotatingLogFile file = logFile == null ? null : RotatingLogFile.standard(cli.cwd.resolve(logFile))) {
            List<FolderWatch> watches = new ArrayList<>();
            try {
                WatchLog log = new WatchLog(cli.out, cli.err, file, cli.clock);
                for (Path root : roots) {
                    Optional<FolderWatch> watch = FolderWatch.open(cli, global, root, settings, log);
                    if (watch.isEmpty()) {
                        return ExitCode.OK;
                    }
                    watches.add(watch.get());
                    watchers.add(watch.get().watcher());
                }
                if (cli.host.stop().requested()) {
                    return ExitCode.OK;
                }
                return runAll(watchers);
            } finally {
                for (FolderWatch watch : watches) {
                    watch.close();
                }
            }
        } finally {
            subscription.close();
        }
    }

    /** One thread per folder; the exit code is the worst of theirs. */
    private static int runAll(List<FolderWatcher> watchers) throws InterruptedException {
        AtomicInteger worst = new AtomicInteger(ExitCode.OK);
        List<Thread> threads = new ArrayList<>();
        for (FolderWatcher watcher : watchers) {
            Thread thread = new Thread(() -> {
                Outcome outcome = watcher.run();
                worst.accumulateAndGet(outcome.exitCode(), Math::max);
            }, "skysync-watcher");
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return worst.get();
    }

    private WatchSettings settings() {
        WatchSettings defaults = WatchSettings.defaults();
        try {
            return new WatchSettings(Durations.parse(settle), Durations.parse(maxDelay), Durations.parse(pollMin),
                    Durations.parse(pollMax), Durations.parse(rescan), defaults.retryBase(), defaults.retryCap());
        } catch (IllegalArgumentException e) {
            throw new UserError(e.getMessage());
        }
    }
}
