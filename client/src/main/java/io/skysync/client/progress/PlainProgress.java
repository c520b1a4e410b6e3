package io.skysync.client.progress;

import java.io.PrintStream;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * For pipes and logs: one plain line per file, nothing redrawn; and while a phase with known totals
 * runs, a line every {@link #EVERY} with files, bytes, rate and ETA on standard error, so a log of
 * a long upload shows that it moves and when it should end.
 */
public final class PlainProgress implements Progress {
    static final Duration EVERY = Duration.ofSeconds(10);
    private final PrintStream out;
    private final PrintStream err;
    private final LongSupplier nanos;
    private Phase phase;

    private record Phase(String name, long files, long bytes, long startedAt) {
    }

    private long doneFiles;
    private long doneBytes;
    private long lastLineAt;

    public PlainProgress(PrintStream out, PrintStream err) {
        this(out, err, System::nanoTime);
    }

    PlainProgress(PrintStream out, PrintStream err, LongSupplier nanos) {
        this.out = out;
        this.err = err;
        this.nanos = nanos;
    }

    @Override
    public synchronized void phase(String name, long files, long bytes) {
        long now = nanos.getAsLong();
        phase = files > 0 || bytes > 0 ? new Phase(name, files, bytes, now) : null;
        doneFiles = 0;
        doneBytes = 0;
        lastLineAt = now;
    }

    @Override
    public synchronized void bytes(long n) {
        doneBytes += n;
        maybeReport();
    }

    @Override
    public synchronized void transferred() {
        doneFiles++;
        maybeReport();
    }

    @Override
    public synchronized void file(String verb, String path) {
        out.println(verb + " " + path);
    }

    @Override
    public synchronized void warn(String message) {
        err.println("warning: " + message);
    }

    @Override
    public synchronized void done() {
        phase = null;
    }

    private void maybeReport() {
        long now = nanos.getAsLong();
        if (phase == null || now - lastLineAt < EVERY.toNanos()) {
            return;
        }
        lastLineAt = now;
        err.println(ProgressLine.of(phase.name(), doneFiles, phase.files(), doneBytes, phase.bytes(),
                Duration.ofNanos(now - phase.startedAt())));
    }
}
