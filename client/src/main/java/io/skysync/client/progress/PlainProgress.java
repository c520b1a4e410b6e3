package io.skysync.client.progress;

import java.io.PrintStream;

/** For pipes and logs: one plain line per file, nothing redrawn. */
public final class PlainProgress implements Progress {
    private final PrintStream out;
    private final PrintStream err;

    public PlainProgress(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public synchronized void file(String verb, String path) {
        out.println(verb + " " + path);
    }

    @Override
    public synchronized void warn(String message) {
        err.println("warning: " + message);
    }
}
