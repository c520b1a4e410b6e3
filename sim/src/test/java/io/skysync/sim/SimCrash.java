package io.skysync.sim;

/**
 * Thrown at an injection point to kill the simulated device's process. An {@link Error}, so no
 * {@code catch (Exception)} in the engine can swallow it: like {@code kill -9}, it ends the run
 * wherever it is, leaving the disk and the index as they are.
 */
public final class SimCrash extends Error {
    private static final long serialVersionUID = 1L;

    public SimCrash(String where) {
        super("simulated crash at " + where, null, false, false);
    }
}
