package io.skysync.api;

/** One conditional write: the new state of {@code path}, valid only if the manifest still has {@code baseVersion}. */
public record CommitEntryDto(String path, Long baseVersion, String hash, Long size, Long mtime, Boolean deleted) {
}
