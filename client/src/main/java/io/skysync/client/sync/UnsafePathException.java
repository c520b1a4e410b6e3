package io.skysync.client.sync;

/** A name that would make skysync write outside the sync root; it is refused and reported. */
public final class UnsafePathException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnsafePathException(String name, String reason) {
        super("refused path \"" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?")) + "\": " + reason);
    }
}
