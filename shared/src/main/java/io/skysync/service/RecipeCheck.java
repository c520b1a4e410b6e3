package io.skysync.service;

import io.skysync.content.Chunk;
import io.skysync.content.RecipeFormat;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Whether a chunked entry may commit: its recipe, read from storage as it streams, must be a valid
 * recipe ({@link RecipeFormat}) whose bytes are its name, for a file of the entry's size, and every
 * chunk it names must be in this vault with its size. Chunks are checked in batches of
 * {@link #BATCH} through {@link BlobPresence} (the guard first), never one request after another.
 * A recipe names chunks by id only, so it can only ever name this vault's blobs: a chunk another
 * vault holds and this one does not is missing here.
 */
final class RecipeCheck {
    static final int BATCH = 1000;

    private final BlobStore blobs;
    private final BlobPresence present;

    RecipeCheck(BlobStore blobs, BlobPresence present) {
        this.blobs = Objects.requireNonNull(blobs, "blobs");
        this.present = Objects.requireNonNull(present, "present");
    }

    /**
     * True if the recipe and all its chunks are stored; false if any is missing (upload and commit again).
     *
     * @throws SkysyncException {@code invalid_recipe} if the recipe breaks a rule or does not fit the entry
     */
    boolean complete(VaultId vault, ContentHash recipe, long size) {
        Optional<InputStream> stored = blobs.open(vault, recipe);
        if (stored.isEmpty()) {
            return false;
        }
        MessageDigest digest = ContentHash.sha256();
        try (InputStream in = new DigestInputStream(stored.get(), digest)) {
            RecipeFormat.Reader reader = RecipeFormat.CURRENT.read(in);
            if (reader.size() != size) {
                throw invalid("it is the recipe of a file of " + reader.size() + " bytes, and the entry has " + size);
            }
            Map<ContentHash, Integer> batch = new LinkedHashMap<>();
            for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                Integer before = batch.put(chunk.id(), chunk.size());
                if (before != null && before != chunk.size()) {
                    throw invalid("it names the chunk " + chunk.id().shortHex() + "… with two sizes");
                }
                if (batch.size() == BATCH && !allStored(vault, batch)) {
                    return false;
                }
            }
            if (!allStored(vault, batch)) {
                return false;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the recipe " + recipe.shortHex() + "…", e);
        }
        if (!ContentHash.of(digest.digest()).equals(recipe)) {
            throw invalid("the stored recipe's bytes are not the content of its name " + recipe.shortHex() + "…");
        }
        return true;
    }

    private boolean allStored(VaultId vault, Map<ContentHash, Integer> batch) {
        Map<ContentHash, Long> expected = new LinkedHashMap<>();
        batch.forEach((id, size) -> expected.put(id, size.longValue()));
        Map<ContentHash, Long> sizes = present.sizes(vault, expected);
        for (Map.Entry<ContentHash, Integer> chunk : batch.entrySet()) {
            Long stored = sizes.get(chunk.getKey());
            if (stored == null || stored != chunk.getValue().longValue()) {
                return false;
            }
        }
        batch.clear();
        return true;
    }

    private static SkysyncException invalid(String why) {
        return new SkysyncException(ErrorCode.INVALID_RECIPE, "invalid recipe: " + why);
    }
}
