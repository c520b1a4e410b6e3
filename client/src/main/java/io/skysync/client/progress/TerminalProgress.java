package io.skysync.client.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * On a terminal: a live bar per phase (me.tongfei:progressbar) with bytes, rate, elapsed time, ETA
 * and files done; a phase with no known totals (the scan) shows a spinner with the elapsed time.
 * Bars go to standard error, so standard output stays clean for the summary.
 */
public final class TerminalProgress implements Progress {
    private static final long MIB = 1024 * 1024;
    private static final String SCAN = "scan";
    private final PrintStream err;
    private ProgressBar bar;
    private long files;
    private long doneFiles;

    public TerminalProgress(PrintStream err) {
        this.err = err;
    }

    @Override
    public synchronized void phase(String name, long files, long bytes) {
        done();
        this.files = files;
        this.doneFiles = 0;
        ProgressBarBuilder builder = new ProgressBarBuilder().setTaskName(String.format("%-8s", name))
                .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(200).continuousUpdate();
        if (bytes <= 0 && files <= 0) {
            if (SCAN.equals(name)) {
                // The scan's amount of work is unknown up front: a spinner with the elapsed time.
                bar = builder.setInitialMax(-1).hideEta().build();
            }
            return;
        }
        bar = builder.setInitialMax(Math.max(bytes, 1)).setUnit(" MiB", MIB).showSpeed().build();
        bar.setExtraMessage(filesMessage());
    }

    @Override
    public synchronized void bytes(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public synchronized void transferred() {
        if (bar != null && files > 0) {
            doneFiles++;
            bar.setExtraMessage(filesMessage());
        }
    }

    private String filesMessage() {
        return "  " + doneFiles + "/" + files + (files == 1 ? " file" : " files");
    }

    @Override
    public synchronized void warn(String message) {
        err.println("warning: " + message);
    }

    @Override
    public synchronized void done() {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
