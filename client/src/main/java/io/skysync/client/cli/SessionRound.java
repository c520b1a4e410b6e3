package io.skysync.client.cli;

import io.skysync.client.sync.SyncReport;
import io.skysync.client.watch.Round;
import io.skysync.client.watch.SyncOnce;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A watcher's {@link SyncOnce}: the engine exactly as {@code skysync sync} runs it
 * ({@link SyncRunner#sync}), on a session kept open between syncs under the folder lock the
 * watcher holds. After a server-side failure the session is reopened for the next sync, which
 * reconnects (to a restarted {@code skysync serve}, or to a local backend of its own).
 */
final class SessionRound implements SyncOnce {
    private final CliContext cli;
    private final GlobalOptions global;
    private final GlobalOptions engine;
    private final Path root;
    private final FolderLock lock;
    private Session session;
    private volatile long cursor;

    /** Opens the first session at once: a folder that cannot be opened fails the command, as {@code sync} would. */
    SessionRound(CliContext cli, GlobalOptions global, Path root, FolderLock lock) throws IOException {
        this.cli = cli;
        this.global = global;
        this.engine = quiet(global);
        this.root = root;
        this.lock = lock;
        this.session = Session.openLocked(cli, global, root, lock);
        this.cursor = session.index.cursor();
    }

    Session session() {
        return session;
    }

    @Override
    public Round run() throws Exception {
        if (session == null) {
            reopen();
        }
        try {
            SyncReport report = SyncRunner.sync(engine, session, session.options(global));
            session.endProgress();
            cursor = session.index.cursor();
            return round(report);
        } catch (SkysyncException e) {
            if (e.code().status() >= 500) {
                closeSession();
            }
            throw e;
        }
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public void close() {
        closeSession();
    }

    private void reopen() {
        try {
            session = Session.openLocked(cli, global, root, lock);
            cursor = session.index.cursor();
        } catch (IOException | RuntimeException e) {
            // The folder itself is checked before every sync; what fails here is the way to the server.
            throw new SkysyncException(ErrorCode.UNAVAILABLE, "cannot reconnect: " + e.getMessage(), e);
        }
    }

    private void closeSession() {
        if (session == null) {
            return;
        }
        try {
            session.close();
        } catch (IOException | RuntimeException e) {
            // Closing after a failure: the next sync opens a fresh one.
        }
        session = null;
    }

    static Round round(SyncReport report) {
        boolean changed = !report.uploaded().isEmpty() || !report.downloaded().isEmpty() || !report.deletedLocal().isEmpty()
                || !report.deletedRemote().isEmpty() || !report.conflicts().isEmpty();
        List<String> wrote = new ArrayList<>(report.downloaded());
        wrote.addAll(report.deletedLocal());
        for (SyncReport.Conflict conflict : report.conflicts()) {
            wrote.add(conflict.path());
            if (conflict.copy() != null) {
                wrote.add(conflict.copy());
            }
        }
        List<String> failures = report.failures().stream().map(f -> f.path() + ": " + f.reason()).toList();
        return new Round(changed, failures, wrote, summary(report, changed));
    }

    private static String summary(SyncReport report, boolean changed) {
        if (!changed && report.failures().isEmpty()) {
            return "up to date";
        }
        StringBuilder line = new StringBuilder();
        line.append("sent ").append(report.uploaded().size()).append(", received ").append(report.downloaded().size())
                .append(", deleted ").append(report.deletedLocal().size()).append(" here and ")
                .append(report.deletedRemote().size()).append(" remotely");
        if (!report.conflicts().isEmpty()) {
            line.append("; ").append(report.conflicts().size()).append(" conflict(s): ")
                    .append(String.join(", ", report.conflicts().stream().limit(3).map(SyncReport.Conflict::path).toList()));
        }
        if (!report.failures().isEmpty()) {
            line.append("; ").append(report.failures().size()).append(" file(s) failed");
        }
        return line.toString();
    }

    private static GlobalOptions quiet(GlobalOptions global) {
        GlobalOptions copy = new GlobalOptions();
        copy.quiet = true;
        copy.transfers = global.transfers;
        copy.onConflict = global.onConflict;
        copy.maxDelete = global.maxDelete;
        copy.allowMassDelete = global.allowMassDelete;
        copy.dataDir = global.dataDir;
        return copy;
    }
}
