package io.skysync.api;

/**
 * One conditional write: the new state of {@code path}, valid only if the manifest still has
 * {@code baseVersion}. A chunked file names its {@code recipe}; {@code hash} stays the whole content's.
 */
public record CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted,
                             String recipe) {

    public CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted) {
        this(path, baseVersion, hash, size, mtime, deleted, null);
    }
}
