package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.sync.Direction;
import io.skysync.client.sync.Step;
import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import io.skysync.domain.Role;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs the engine for sync, push and pull, prints the outcome, and picks the exit code. A
 * read-only device only ever pulls: its local changes are counted and reported, never announced
 * to the server, so nothing of them is uploaded.
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
        boolean readOnlySync = session.config.readOnly() && options.direction() == Direction.BOTH;
        long kept = readOnlySync ? report.planned.stream().filter(s -> s instanceof Step.Hold).count() : -1;
        ReportPrinter.print(cli, global, report, kept, done);
        if (global.quiet && kept > 0) {
            cli.err.println("this device is read-only: " + kept + " local change" + (kept == 1 ? " was" : "s were")
                    + " not uploaded");
        }
        return report.clean() && kept <= 0 ? ExitCode.OK : ExitCode.PARTIAL;
    }

    /** One run of the engine, as every command that syncs runs it ({@code watch} included): the report, nothing printed. */
    static SyncReport sync(GlobalOptions global, Session session, SyncOptions options) throws Exception {
        if (session.config.readOnly() && options.direction() != Direction.PULL) {
            // Remembered as read-only: ask once whether an admin has changed that since.
            session.refreshRole();
        }
        SyncReport report;
        if (session.config.readOnly()) {
            report = session.engine(global).run(readOnly(session, options));
        } else {
            try {
                report = session.engine(global).run(options);
            } catch (SkysyncException e) {
                // Made read-only since the last run: the plan with our changes was refused; pull instead.
                if (e.code() != ErrorCode.FORBIDDEN || session.refreshRole() != Role.READ_ONLY) {
                    throw e;
                }
                report = session.engine(global).run(readOnly(session, options));
            }
        }
        return report;
    }

    private static SyncOptions readOnly(Session session, SyncOptions options) {
        if (options.direction() == Direction.PUSH) {
            throw new UserError("this device ('" + session.config.device() + "') is read-only and cannot push; an admin"
                    + " device can change that with 'skysync devices role " + session.config.device() + " member'");
        }
        return options.withDirection(Direction.PULL);
    }
}
