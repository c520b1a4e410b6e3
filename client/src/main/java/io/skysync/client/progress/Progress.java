package io.skysync.client.progress;

/**
 * What a sync reports while it runs. Called from transfer threads too, so implementations are
 * thread-safe. Output only: nothing here influences a decision.
 */
public interface Progress {
    Progress NONE = new Progress() {
    };

    /** A phase starts (scanning, uploading, downloading) with its known totals. */
    default void phase(String name, long files, long bytes) {
    }

    default void bytes(long n) {
    }

    /** One transfer of the current phase finished (its file is committed or placed later, see {@link #file}). */
    default void transferred() {
    }

    /** One file is done: {@code verb} is e.g. "uploaded", "downloaded", "deleted". */
    default void file(String verb, String path) {
    }

    default void warn(String message) {
    }

    /** Ends the current phase (closes a bar). */
    default void done() {
    }
}
