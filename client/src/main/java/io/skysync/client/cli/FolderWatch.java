package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import io.skysync.client.remote.HttpHeadProbe;
import io.skysync.client.watch.DirectoryChangeSource;
import io.skysync.client.watch.FolderWatcher;
import io.skysync.client.watch.Inbox;
import io.skysync.client.watch.WatchLog;
import io.skysync.client.watch.WatchSettings;
import io.skysync.client.watch.WatchStateFile;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * One watched folder, assembled from the real parts: its lock (held for the watcher's whole life),
 * the engine's session ({@link SessionRound}), the server probe, the file watcher, and the
 * {@link FolderWatcher} loop over them. Closing releases them in reverse.
 */
final class FolderWatch implements AutoCloseable {
    private static final long LOCK_POLL_MILLIS = 1000;

    private final FolderLock lock;
    private final SessionRound round;
    private final ExecutorService probes;
    private final FolderWatcher watcher;

    private FolderWatch(FolderLock lock, SessionRound round, ExecutorService probes, FolderWatcher watcher) {
        this.lock = lock;
        this.round = round;
        this.probes = probes;
        this.watcher = watcher;
    }

    /** Opens the folder for watching; empty if a stop was requested while another command held it. */
    static Optional<FolderWatch> open(CliContext cli, GlobalOptions global, Path root, WatchSettings settings, WatchLog log)
            throws IOException, InterruptedException {
        Session.requireFolder(root);
        if (!ConfigFile.exists(root)) {
            throw new UserError(root + " is not a skysync folder; run 'skysync init " + root + "' (or 'skysync sync "
                    + root + "' once) first");
        }
        Optional<FolderLock> lock = lock(cli, root, log);
        if (lock.isEmpty()) {
            return Optional.empty();
        }
        SessionRound round;
        try {
            round = new SessionRound(cli, global, root, lock.get());
        } catch (IOException | RuntimeException e) {
            lock.get().close();
            throw e;
        }
        Session session = round.session();
        HttpHeadProbe probe = new HttpHeadProbe(cli.http(global.transfers()), session.endpoint, session.token,
                session.config.vault());
        ExecutorService probes = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "skysync-probe-" + root.getFileName());
            thread.setDaemon(true);
            return thread;
        });
        log.say(root, "watching (vault '" + session.config.vault() + "' as device '" + session.config.device() + "', "
                + (session.config.isLocal() ? "local backend" : session.config.endpoint()) + ")");
        FolderWatcher watcher = new FolderWatcher(new FolderWatcher.Parts(root, round, probe, new DirectoryChangeSource(root),
                Inbox.queue(), log, new WatchStateFile(ConfigFile.stateDir(root)), cli.host.pid(), cli.clock,
                System::nanoTime, new SecureRandom(), probes, settings));
        return Optional.of(new FolderWatch(lock.get(), round, probes, watcher));
    }

    FolderWatcher watcher() {
        return watcher;
    }

    @Override
    public void close() throws IOException {
        probes.shutdownNow();
        try {
            round.close();
        } finally {
            lock.close();
        }
    }

    /** The folder's lock; a running {@code sync} is waited for, a running watcher is an error. */
    private static Optional<FolderLock> lock(CliContext cli, Path root, WatchLog log) throws IOException, InterruptedException {
        Path stateDir = ConfigFile.stateDir(root);
        boolean told = false;
        while (!cli.host.stop().requested()) {
            Optional<FolderLock> lock = FolderLock.tryAcquire(stateDir, FolderLock.WATCH);
            if (lock.isPresent()) {
                return lock;
            }
            FolderLock.Holder holder = FolderLock.holderOf(stateDir);
            if (holder.watcher()) {
                throw new UserError("a watcher" + (holder.pid() > 0 ? " (pid " + holder.pid() + ")" : "")
                        + " already keeps " + root + " in sync");
            }
            if (!told) {
                log.say(root, "waiting for another skysync command" + (holder.pid() > 0 ? " (pid " + holder.pid() + ")" : "")
                        + " to finish with this folder");
                told = true;
            }
            Thread.sleep(LOCK_POLL_MILLIS);
        }
        return Optional.empty();
    }
}
