package io.skysync.service;

import io.skysync.content.Chunk;
import io.skysync.content.RecipeFormat;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * What the clean-up must keep of a vault: every blob a kept entry points at, every recipe a kept
 * entry names, and every chunk those recipes list. A chunk is live while any kept version's recipe
 * names it, so the clean-up's two phases treat chunks exactly like the blobs of whole files. A
 * recipe that cannot be read stops the run (nothing is deleted on a guess); one that is not in
 * storage keeps nothing more (its entry could not have committed without it).
 */
final class ChunkReferences {
    private ChunkReferences() {
    }

    static Set<ContentHash> live(VaultId vault, RetentionStore store, BlobSweeper blobs) {
        Set<ContentHash> live = new HashSet<>(store.referencedHashes(vault));
        for (ContentHash recipe : store.referencedRecipes(vault)) {
            live.add(recipe);
            Optional<InputStream> stored = blobs.open(vault, recipe);
            if (stored.isEmpty()) {
                continue;
            }
            try (InputStream in = stored.get()) {
                RecipeFormat.Reader reader = RecipeFormat.CURRENT.read(in);
                for (Chunk chunk = reader.next(); chunk != null; chunk = reader.next()) {
                    live.add(chunk.id());
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the recipe " + recipe.shortHex() + "… of vault " + vault, e);
            }
        }
        return live;
    }
}
