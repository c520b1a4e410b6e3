package io.skysync.client.watch;

import java.nio.file.Path;

/** What reaches a watcher's loop from its file events, its asks to the server, and a stop request. */
public sealed interface Signal {

    /** A file or folder under the root was created, changed or removed. */
    record LocalChange(Path path) implements Signal {
    }

    /** Events were lost (an overflow, a folder that could not be watched): only a full sync tells. */
    record Rescan(String why) implements Signal {
    }

    /** The file watcher stopped by itself (its root was removed, or it failed). */
    record SourceEnded(String why) implements Signal {
    }

    /** An ask for changes answered. */
    record Probed(HeadProbe.Probe probe) implements Signal {
    }

    /** An ask for changes failed. */
    record ProbeFailed(RuntimeException error) implements Signal {
    }

    /** Ctrl-C, SIGTERM, or the command's caller: finish the step in progress and stop. */
    record Stop() implements Signal {
    }
}
