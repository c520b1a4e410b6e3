package io.skysync.azure;

import com.azure.data.tables.models.TableEntity;
import io.skysync.api.ApiJson;
import io.skysync.api.EntryDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.FileVersion;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import io.skysync.service.VaultMeta;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Table entities of the manifest and back. Times are ISO-8601 strings (exact at any precision);
 * numbers are Int64. A log row holds a whole commit, one JSON entry per property ({@code e0},
 * {@code e1}, ...): 49 entries of at most ~1.3 KB each stay far below the 1 MiB entity limit and
 * the 252-property limit, and one log row per commit is what lets a commit of 49 writes fit the
 * 100-entity transaction (meta + 49 entries + 49 history rows + 1 log row).
 */
final class ManifestEntities {
    static final String ETAG = "odata.etag";
    /** The recipe of a chunked file's entry; absent for a file of one blob (docs/design.md, "Big files"). */
    static final String RECIPE = "recipe";

    private ManifestEntities() {
    }

    static TableEntity meta(VaultMeta meta) {
        return new TableEntity(meta.vault().value(), RowKeys.META)
                .addProperty("seq", meta.seq().value())
                .addProperty("logFloor", meta.logFloor().value())
                .addProperty("createdAt", meta.createdAt().toString());
    }

    static VaultMeta meta(VaultId vault, TableEntity entity) {
        return new VaultMeta(vault, Seq.of(longOf(entity, "seq")), Seq.of(longOf(entity, "logFloor")),
                Instant.parse(stringOf(entity, "createdAt")));
    }

    static TableEntity file(VaultId vault, ManifestEntry entry) {
        return entryProperties(new TableEntity(vault.value(), RowKeys.file(entry.path())), entry);
    }

    static TableEntity history(VaultId vault, ManifestEntry entry) {
        return entryProperties(new TableEntity(vault.value(), RowKeys.history(entry.path(), entry.version())), entry);
    }

    static ManifestEntry entry(TableEntity entity) {
        String hash = (String) entity.getProperty("hash");
        String recipe = (String) entity.getProperty(RECIPE);
        return new ManifestEntry(
                VaultPath.of(stringOf(entity, "path")),
                FileVersion.of(longOf(entity, "version")),
                hash == null ? null : new ContentHash(hash),
                longOf(entity, "size"),
                longOf(entity, "mtime"),
                Boolean.TRUE.equals(entity.getProperty("deleted")),
                new DeviceId(stringOf(entity, "device")),
                Seq.of(longOf(entity, "seq")),
                Instant.parse(stringOf(entity, "updatedAt")),
                recipe == null ? null : new ContentHash(recipe),
                entity.getProperty("executable") instanceof Boolean bit ? bit : null);
    }

    static TableEntity log(VaultId vault, List<ManifestEntry> commit) {
        Seq last = commit.get(commit.size() - 1).seq();
        TableEntity entity = new TableEntity(vault.value(), RowKeys.log(last))
                .addProperty("first", commit.get(0).seq().value())
                .addProperty("last", last.value())
                .addProperty("count", (long) commit.size());
        for (int i = 0; i < commit.size(); i++) {
            entity.addProperty("e" + i, new String(ApiJson.write(EntryDto.of(commit.get(i))), StandardCharsets.UTF_8));
        }
        return entity;
    }

    static List<ManifestEntry> logEntries(TableEntity entity) {
        int count = (int) longOf(entity, "count");
        List<ManifestEntry> entries = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] json = stringOf(entity, "e" + i).getBytes(StandardCharsets.UTF_8);
            entries.add(ApiJson.read(json, EntryDto.class).toDomain());
        }
        return entries;
    }

    static TableEntity device(VaultId vault, DeviceRecord device) {
        return new TableEntity(vault.value(), RowKeys.device(device.id()))
                .addProperty("id", device.id().value())
                .addProperty("name", device.name())
                .addProperty("role", device.role().wireName())
                .addProperty("tokenHash", device.tokenHash())
                .addProperty("createdAt", device.createdAt().toString())
                .addProperty("lastSeen", device.lastSeen().toString())
                .addProperty("cursor", device.cursor().value())
                .addProperty("revoked", device.revoked());
    }

    static DeviceRecord device(TableEntity entity) {
        return new DeviceRecord(
                new DeviceId(stringOf(entity, "id")),
                stringOf(entity, "name"),
                Role.fromWireName(stringOf(entity, "role")),
                stringOf(entity, "tokenHash"),
                Instant.parse(stringOf(entity, "createdAt")),
                Instant.parse(stringOf(entity, "lastSeen")),
                Seq.of(longOf(entity, "cursor")),
                Boolean.TRUE.equals(entity.getProperty("revoked")));
    }

    static long versionOf(TableEntity fileEntity) {
        return longOf(fileEntity, "version");
    }

    /**
     * Gives a fresh entity the ETag of the row it replaces. Without one, a conditional update would
     * silently become unconditional (the SDK sends {@code If-Match: *}), so a missing ETag is a bug.
     */
    static TableEntity withETag(TableEntity entity, String etag) {
        if (etag == null || etag.isEmpty()) {
            throw new IllegalArgumentException("a conditional write needs the ETag read with the row "
                    + entity.getRowKey() + "; without one the SDK writes unconditionally");
        }
        return entity.addProperty(ETAG, ETags.repair(etag));
    }

    private static TableEntity entryProperties(TableEntity entity, ManifestEntry entry) {
        entity.addProperty("path", entry.path().value())
                .addProperty("version", entry.version().value())
                .addProperty("size", entry.size())
                .addProperty("mtime", entry.mtimeMillis())
                .addProperty("deleted", entry.deleted())
                .addProperty("device", entry.device().value())
                .addProperty("seq", entry.seq().value())
                .addProperty("updatedAt", entry.updatedAt().toString());
        if (entry.hash() != null) {
            entity.addProperty("hash", entry.hash().hex());
        }
        if (entry.recipe() != null) {
            entity.addProperty(RECIPE, entry.recipe().hex());
        }
        if (entry.executable() != null) {
            // Optional: a row without it (written before the bit was carried) reads as unknown.
            entity.addProperty("executable", entry.executable());
        }
        return entity;
    }

    private static long longOf(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        if (!(value instanceof Number number)) {
            throw new IllegalStateException("row " + entity.getRowKey() + " has no number " + name);
        }
        return number.longValue();
    }

    private static String stringOf(TableEntity entity, String name) {
        Object value = entity.getProperty(name);
        if (!(value instanceof String text)) {
            throw new IllegalStateException("row " + entity.getRowKey() + " has no text " + name);
        }
        return text;
    }
}
