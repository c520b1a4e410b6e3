package io.skysync.api;

/**
 * One local change a client announces in a plan: the content it wants to commit over {@code baseVersion}.
 * A chunked file also names its {@code recipe} and the recipe's size ({@code recipeSize}), so the
 * plan checks it against the chunked limit and hands out the recipe's upload.
 */
public record LocalChangeDto(String path, Long baseVersion, String hash, Long size, Boolean deleted, String recipe,
                             Long recipeSize) {

    public LocalChangeDto(String path, Long baseVersion, String hash, Long size, Boolean deleted) {
        this(path, baseVersion, hash, size, deleted, null, null);
    }
}
