package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.sync.Direction;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the engine for sync, push and pull, prints the outcome, and picks the exit code. The
 * device's role is an input of the plan: a read-only device's local changes are held, never
 * announced or uploaded. A device made read-only since it last heard learns it from the server's
 * refusal of its first write, in the same run (its changes are then held too), and remembers it.
 */
final class SyncRunner {
    private SyncRunner() {
    }

    static int run(CliContext cli, GlobalOptions global, Path root, boolean autoInit, SyncCommand.Tweak tweak)
            throws Exception {
        // Options are checked before anything is touched (an auto-init included).
        global.policy(ConflictPolicy.KEEP_BOTH);
        global.transfers();
        try (Session session = Session.open(cli, global, root, autoInit)) {
            return run(cli, global, session, tweak);
        }
    }

    static int run(CliContext cli, GlobalOptions global, Session session, SyncCommand.Tweak tweak) throws Exception {
        return run(cli, global, session, tweak, Map.of());
    }

    /** @param done what the command did before this sync, for the JSON report ({@link ReportPrinter}) */
    static int run(CliContext cli, GlobalOptions global, Session session, SyncCommand.Tweak tweak,
                   Map<String, Object> done) throws Exception {
        SyncOptions options = tweak.apply(session.options(global));
        SyncReport report = sync(global, session, options);
        session.endProgress();
        boolean readOnly = (options.readOnly() && options.direction() == Direction.BOTH) || report.writesRefused();
        long kept = readOnly ? report.readOnlyKept().size() + heldConflicts(report) : -1;
        ReportPrinter.print(cli, global, report, kept, done);
        if (global.quiet && kept > 0) {
            cli.err.println("this device is read-only: " + kept + " local change" + (kept == 1 ? " was" : "s were")
                    + " not uploaded");
        }
        return report.clean() && kept <= 0 ? ExitCode.OK : ExitCode.PARTIAL;
    }

    /** One run of the engine, as every command that syncs runs it ({@code watch} included): the report, nothing printed. */
    static SyncReport sync(GlobalOptions global, Session session, SyncOptions options) throws Exception {
        if (session.config.readOnly()) {
            // Remembered as read-only: ask once whether an admin has changed that since.
            session.refreshRole();
        }
        SyncOptions effective = options.withReadOnly(session.config.readOnly());
        if (effective.readOnly() && effective.direction() == Direction.PUSH) {
            throw new UserError("this device ('" + session.config.device() + "') is read-only and cannot push; an admin"
                    + " device can change that with 'skysync devices role " + session.config.device() + " member'");
        }
        SyncReport report = session.engine(global).run(effective);
        if (report.writesRefused()) {
            session.refreshRole();
        }
        return report;
    }

    private static long heldConflicts(SyncReport report) {
        return report.conflicts().stream().filter(c -> c.copy() == null).count();
    }
}
