package io.skysync.client.cli;

/** The exit codes of every command. */
public final class ExitCode {
    /** Everything done. */
    public static final int OK = 0;
    /** Some files failed, conflicts are left, or a safety guard stopped the run. */
    public static final int PARTIAL = 1;
    /** Bad usage or configuration: nothing was done. */
    public static final int USAGE = 2;

    private ExitCode() {
    }
}
