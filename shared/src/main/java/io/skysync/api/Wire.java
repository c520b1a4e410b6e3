package io.skysync.api;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Folder;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Conversions from wire fields to domain values, each failing with the error code a caller should see. */
public final class Wire {
    private Wire() {
    }

    public static <T> T required(T value, String field) {
        if (value == null) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "missing field \"" + field + "\"");
        }
        return value;
    }

    public static VaultPath path(String value) {
        return VaultPath.of(required(value, "path"));
    }

    /** A content hash; the folder mark is refused, so no wire hash can pass for a folder or name its absent blob. */
    public static ContentHash hash(String value) {
        ContentHash hash = new ContentHash(required(value, "hash"));
        if (Folder.is(hash)) {
            throw new SkysyncException(ErrorCode.INVALID_HASH,
                    "invalid hash: 64 zeros is reserved for folders; send \"folder\": true instead");
        }
        return hash;
    }

    public static long size(Long value) {
        long size = required(value, "size");
        if (size < 0) {
            throw new SkysyncException(ErrorCode.INVALID_SIZE, "invalid size " + size + ": must be >= 0");
        }
        return size;
    }

    public static FileVersion baseVersion(Long value) {
        return FileVersion.of(required(value, "baseVersion"));
    }

    public static Seq cursor(Long value) {
        return Seq.of(value == null ? 0 : value);
    }

    public static Seq cursor(String value) {
        if (value == null || value.isEmpty()) {
            return Seq.ZERO;
        }
        try {
            return Seq.of(Long.parseLong(value));
        } catch (NumberFormatException e) {
            throw new SkysyncException(ErrorCode.INVALID_CURSOR, "invalid cursor \"" + value + "\": expected a number >= 0");
        }
    }

    public static int limit(String value, int max) {
        if (value == null || value.isEmpty()) {
            return max;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > max) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid limit " + value + ": use 1 to " + max);
            }
            return limit;
        } catch (NumberFormatException e) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid limit \"" + value + "\": expected a number");
        }
    }

    /** {@code wait} of {@code GET /changes}: whole seconds from 0 to {@code max}; null if absent or empty. */
    public static Duration waitSeconds(String value, int max) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        if (!value.matches("[0-9]{1,9}") || Integer.parseInt(value) > max) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                    "invalid wait \"" + value + "\": use whole seconds from 0 to " + max);
        }
        return Duration.ofSeconds(Integer.parseInt(value));
    }

    static ManifestEntry entry(EntryDto dto) {
        Instant updatedAt;
        try {
            updatedAt = Instant.parse(required(dto.updatedAt(), "updatedAt"));
        } catch (DateTimeParseException e) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid updatedAt \"" + dto.updatedAt() + "\"");
        }
        boolean folder = dto.isFolder();
        if (folder && (dto.deleted() || dto.hash() != null || dto.recipe() != null)) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "a folder entry has no hash and is not a tombstone");
        }
        ContentHash content = dto.deleted() ? null : folder ? Folder.MARK : hash(dto.hash());
        return new ManifestEntry(path(dto.path()), FileVersion.of(dto.version()), content, dto.size(), dto.mtime(),
                dto.deleted(), new DeviceId(required(dto.device(), "device")), Seq.of(dto.seq()), updatedAt,
                dto.recipe() == null ? null : hash(dto.recipe()), dto.executable());
    }
}
