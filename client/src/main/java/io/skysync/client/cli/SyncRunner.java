package io.skysync.client.cli;

import io.skysync.client.sync.SyncOptions;
import io.skysync.client.sync.SyncReport;
import java.nio.file.Path;

/** Runs the engine for sync, push and pull, prints the outcome, and picks the exit code. */
final class SyncRunner {
    private SyncRunner() {
    }

    static int run(CliContext cli, GlobalOptions global, Path root, boolean autoInit, SyncCommand.Tweak tweak)
            throws Exception {
        // Options are checked before anything is touched (an auto-init included).
        global.policy(io.skysync.reconcile.ConflictPolicy.KEEP_BOTH);
        global.transfers();
        try (Session session = Session.open(cli, global, root, autoInit)) {
            SyncOptions options = tweak.apply(session.options(global));
            SyncReport report = session.engine(global).run(options);
            ReportPrinter.print(cli, global, report);
            return report.clean() ? ExitCode.OK : ExitCode.PARTIAL;
        }
    }
}
