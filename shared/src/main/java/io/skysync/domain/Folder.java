package io.skysync.domain;

/**
 * A folder in the manifest is an entry like a file's, whose content is {@link #MARK}: it is versioned,
 * written conditionally and deleted as a tombstone exactly as a file is, and the three-way rule sees a
 * folder as one more content (so a file and a folder at one path are different contents). The mark is
 * never on the wire: entries say {@code "folder": true} there, and a wire hash equal to the mark is
 * refused ({@code docs/api.md}). No SHA-256 preimage of 64 zero digits is known, so no file has it.
 */
public final class Folder {
    /** The content of every folder entry: no blob, size 0. */
    public static final ContentHash MARK = new ContentHash("0".repeat(64));

    private Folder() {
    }

    public static boolean is(ContentHash hash) {
        return MARK.equals(hash);
    }
}
