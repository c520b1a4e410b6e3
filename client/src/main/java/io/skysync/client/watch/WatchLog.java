package io.skysync.client.watch;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The watchers' log: one line per event worth telling, with the time and the folder, on the
 * standard output (which a systemd unit sends to the journal) and, if given, in a rotating file.
 * A file that cannot be written is reported once on the standard error; the watchers go on.
 */
public final class WatchLog {
    private final PrintStream out;
    private final PrintStream err;
    private final RotatingLogFile file;
    private final Clock clock;
    private boolean fileFailed;

    /** @param file null for the standard output only */
    public WatchLog(PrintStream out, PrintStream err, RotatingLogFile file, Clock clock) {
        this.out = out;
        this.err = err;
        this.file = file;
        this.clock = clock;
    }

    public synchronized void say(Path folder, String text) {
        String line = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS) + " " + folder + ": " + text;
        out.println(line);
        if (file == null || fileFailed) {
            return;
        }
        try {
            file.append(line);
        } catch (IOException e) {
            fileFailed = true;
            err.println("skysync: cannot write the log file " + file.file() + " (" + e.getMessage()
                    + "); logging to the standard output only");
        }
    }
}
