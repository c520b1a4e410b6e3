package io.skysync.client.progress;

import java.io.PrintStream;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** On a terminal: a live bar per phase with bytes, rate and ETA (me.tongfei:progressbar). */
public final class TerminalProgress implements Progress {
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
        if (bytes <= 0 && files <= 0) {
            return;
        }
        this.files = files;
        this.doneFiles = 0;
        bar = new ProgressBarBuilder().setTaskName(name).setInitialMax(Math.max(bytes, 1))
                .setStyle(ProgressBarStyle.ASCII).setUnit(" MB", 1024 * 1024).showSpeed()
                .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(err))
                .setUpdateIntervalMillis(200).build();
        bar.setExtraMessage("0/" + files + " files");
    }

    @Override
    public synchronized void bytes(long n) {
        if (bar != null) {
            bar.stepBy(n);
        }
    }

    @Override
    public synchronized void file(String verb, String path) {
        if (bar != null) {
            doneFiles++;
            bar.setExtraMessage(doneFiles + "/" + files + " files");
        }
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
