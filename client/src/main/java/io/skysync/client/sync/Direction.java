package io.skysync.client.sync;

/** Which way changes flow in one run. */
public enum Direction {
    /** Two-way sync. */
    BOTH,
    /** Local changes only; remote changes wait (their state is remembered). */
    PUSH,
    /** Remote changes only; local changes wait. */
    PULL
}
