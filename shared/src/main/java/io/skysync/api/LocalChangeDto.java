package io.skysync.api;

/** One local change a client announces in a plan: the content it wants to commit over {@code baseVersion}. */
public record LocalChangeDto(String path, Long baseVersion, String hash, Long size, Boolean deleted) {
}
