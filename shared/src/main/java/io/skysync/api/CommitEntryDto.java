package io.skysync.api;

/**
 * One conditional write: the new state of {@code path}, valid only if the manifest still has
 * {@code baseVersion}. A chunked file names its {@code recipe}; {@code hash} stays the whole content's.
 * {@code folder: true} writes a folder (no hash, no size); {@code executable} is the file's
 * executable bit, absent when the client does not know it (the stored bit is kept).
 */
public record CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted,
                             String recipe, Boolean folder, Boolean executable) {

    /** A write as clients before folders and metadata (protocol 1) send it. */
    public CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted) {
        this(path, baseVersion, hash, size, mtime, deleted, null, null, null);
    }

    /** A write of a chunked file (or, with {@code recipe} null, of one blob), the executable bit unknown. */
    public CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted,
                          String recipe) {
        this(path, baseVersion, hash, size, mtime, deleted, recipe, null, null);
    }

    /** A write of a folder or of a file of one blob with its executable bit. */
    public CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted,
                          Boolean folder, Boolean executable) {
        this(path, baseVersion, hash, size, mtime, deleted, null, folder, executable);
    }
}
