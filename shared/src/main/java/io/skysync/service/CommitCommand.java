package io.skysync.service;

import io.skysync.api.CommitEntryDto;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.Wire;
import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One validated write a client asks for: {@code path} becomes {@code hash}/{@code size} (or a
 * tombstone, or a folder: content {@link Folder#MARK}) if the manifest still has {@code baseVersion}.
 * Built from either wire shape. {@code mtime} 0 and {@code executable} null mean "not sent": the
 * stored values are kept ({@link CommitRule}). A chunked file names its {@code recipe} (and, in a
 * plan, the recipe's size, {@code recipeSize}; else -1).
 */
record CommitCommand(VaultPath path, FileVersion baseVersion, ContentHash hash, long size, long mtime, boolean deleted,
                     ContentHash recipe, long recipeSize, Boolean executable) {

    static CommitCommand of(CommitEntryDto dto) {
        Wire.required(dto, "entries[]");
        boolean deleted = Boolean.TRUE.equals(dto.deleted());
        return build(dto.path(), dto.baseVersion(), dto.hash(), dto.size(), dto.mtime() == null ? 0 : dto.mtime(), deleted,
                Boolean.TRUE.equals(dto.folder()), dto.executable())
                .chunked(dto.recipe(), null);
    }

    static CommitCommand of(LocalChangeDto dto) {
        Wire.required(dto, "changes[]");
        boolean deleted = Boolean.TRUE.equals(dto.deleted());
        return build(dto.path(), dto.baseVersion(), dto.hash(), dto.size(), 0, deleted, false, null)
                .chunked(dto.recipe(), dto.recipeSize());
    }

    /** True if the content is a recipe's chunks rather than one blob. */
    boolean isChunked() {
        return recipe != null;
    }

    private CommitCommand chunked(String recipeHex, Long sizeOfRecipe) {
        if (recipeHex == null) {
            if (sizeOfRecipe != null) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "\"" + path + "\" has a recipeSize but no recipe");
            }
            return this;
        }
        if (deleted || folder()) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a deletion or folder \"" + path + "\" must not carry a recipe");
        }
        ContentHash recipeHash = Wire.hash(recipeHex);
        long recipeBytes = sizeOfRecipe == null ? -1 : Wire.size(sizeOfRecipe);
        if (size == 0) {
            throw new SkysyncException(ErrorCode.INVALID_RECIPE, "invalid recipe: \"" + path + "\" is empty, so it has no chunks");
        }
        return new CommitCommand(path, baseVersion, hash, size, mtime, false, recipeHash, recipeBytes, executable);
    }

    private static CommitCommand build(String path, Long base, String hash, Long size, long mtime, boolean deleted,
                                       boolean folder, Boolean executable) {
        VaultPath vaultPath = Wire.path(path);
        FileVersion baseVersion = Wire.baseVersion(base);
        if (deleted) {
            if (hash != null || (size != null && size != 0) || folder || executable != null) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                        "a deletion of \"" + vaultPath + "\" must not carry a hash, a size, a folder flag or an executable bit");
            }
            return new CommitCommand(vaultPath, baseVersion, null, 0, 0, true, null, -1, null);
        }
        if (folder) {
            if (hash != null || (size != null && size != 0) || executable != null) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                        "the folder \"" + vaultPath + "\" must not carry a hash, a size or an executable bit");
            }
            // A folder's own time changes whenever its content does; it is not carried.
            return new CommitCommand(vaultPath, baseVersion, Folder.MARK, 0, 0, false, null, -1, null);
        }
        return new CommitCommand(vaultPath, baseVersion, Wire.hash(hash), Wire.size(size), mtime, false, null, -1, executable);
    }

    boolean folder() {
        return !deleted && Folder.is(hash);
    }

    /**
     * Refuses a missing or oversized batch and a path named twice. Paths are compared exactly as
     * sent: two paths that differ only by case are two files (a case-insensitive client settles them).
     */
    static <T> List<CommitCommand> all(Collection<T> dtos, Function<T, CommitCommand> parse,
                                       int maxEntries, String field) {
        Wire.required(dtos, field);
        if (dtos.size() > maxEntries) {
            throw new SkysyncException(ErrorCode.TOO_MANY_ENTRIES,
                    "too many entries: " + dtos.size() + " in one call, at most " + maxEntries + "; split the batch");
        }
        List<CommitCommand> commands = new ArrayList<>(dtos.size());
        Set<VaultPath> seen = new HashSet<>();
        for (T dto : dtos) {
            CommitCommand command = parse.apply(dto);
            if (!seen.add(command.path())) {
                throw new SkysyncException(ErrorCode.DUPLICATE_PATH,
                        "the path \"" + command.path() + "\" appears twice in one batch");
            }
            commands.add(command);
        }
        return commands;
    }
}
