package io.skysync.aws;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Domain values to DynamoDB items and back. Versions, seqs, sizes and mtimes are numbers; times
 * are ISO-8601 strings. Every item carries {@code kind}, so a table scan reads on its own.
 */
final class ItemCodec {
    static final String PK = "pk";
    static final String SK = "sk";
    static final String KIND = "kind";
    static final String SEQ = "seq";
    static final String VERSION = "version";
    static final String LOG_FLOOR = "logFloor";
    static final String ENTRIES = "entries";
    static final String FIRST_SEQ = "firstSeq";
    /** The recipe of a chunked file's entry; absent for a file of one blob (docs/design.md, "Big files"). */
    static final String RECIPE = "recipe";

    private ItemCodec() {
    }

    static Map<String, AttributeValue> key(VaultId vault, String sortKey) {
        return Map.of(PK, s(SortKeys.partition(vault)), SK, s(sortKey));
    }

    static Map<String, AttributeValue> meta(VaultId vault, Seq seq, Seq logFloor, Instant createdAt) {
        Map<String, AttributeValue> item = new HashMap<>(key(vault, SortKeys.META));
        item.put(KIND, s("meta"));
        item.put(SEQ, n(seq.value()));
        item.put(LOG_FLOOR, n(logFloor.value()));
        item.put("createdAt", s(createdAt.toString()));
        return item;
    }

    static VaultMeta meta(VaultId vault, Map<String, AttributeValue> item) {
        return new VaultMeta(vault, Seq.of(num(item, SEQ)), Seq.of(num(item, LOG_FLOOR)),
                Instant.parse(item.get("createdAt").s()));
    }

    /** A file item (keyed {@code file#}) or a history item (keyed {@code hist#}) of {@code entry}. */
    static Map<String, AttributeValue> entryItem(VaultId vault, String sortKey, String kind, ManifestEntry entry) {
        Map<String, AttributeValue> item = new HashMap<>(key(vault, sortKey));
        item.put(KIND, s(kind));
        item.putAll(entryAttributes(entry));
        return item;
    }

    static Map<String, AttributeValue> entryAttributes(ManifestEntry e) {
        Map<String, AttributeValue> m = new HashMap<>();
        m.put("path", s(e.path().value()));
        m.put(VERSION, n(e.version().value()));
        if (!e.deleted()) {
            m.put("hash", s(e.hash().hex()));
        }
        m.put("size", n(e.size()));
        m.put("mtime", n(e.mtimeMillis()));
        m.put("deleted", AttributeValue.fromBool(e.deleted()));
        m.put("device", s(e.device().value()));
        m.put(SEQ, n(e.seq().value()));
        m.put("updatedAt", s(e.updatedAt().toString()));
        if (e.recipe() != null) {
            m.put(RECIPE, s(e.recipe().hex()));
        }
        if (e.executable() != null) {
            // Optional: an item without it (written before the bit was carried) reads as unknown.
            m.put("executable", AttributeValue.fromBool(e.executable()));
        }
        return m;
    }

    static ManifestEntry entry(Map<String, AttributeValue> m) {
        boolean deleted = Boolean.TRUE.equals(m.get("deleted").bool());
        AttributeValue hash = m.get("hash");
        AttributeValue recipe = m.get(RECIPE);
        return new ManifestEntry(new VaultPath(m.get("path").s()), FileVersion.of(num(m, VERSION)),
                deleted || hash == null ? null : new ContentHash(hash.s()), num(m, "size"), num(m, "mtime"), deleted,
                new DeviceId(m.get("device").s()), Seq.of(num(m, SEQ)), Instant.parse(m.get("updatedAt").s()),
                recipe == null ? null : new ContentHash(recipe.s()),
                m.containsKey("executable") ? m.get("executable").bool() : null);
    }

    /** The change-log item of one commit: its entries in seq order, keyed by the commit's last seq. */
    static Map<String, AttributeValue> logItem(VaultId vault, List<ManifestEntry> entries) {
        Seq first = entries.get(0).seq();
        Seq last = entries.get(entries.size() - 1).seq();
        Map<String, AttributeValue> item = new HashMap<>(key(vault, SortKeys.log(last)));
        item.put(KIND, s("log"));
        item.put(FIRST_SEQ, n(first.value()));
        item.put(SEQ, n(last.value()));
        item.put(ENTRIES, AttributeValue.fromL(entries.stream().map(e -> AttributeValue.fromM(entryAttributes(e))).toList()));
        return item;
    }

    static List<ManifestEntry> logEntries(Map<String, AttributeValue> item) {
        return item.get(ENTRIES).l().stream().map(v -> entry(v.m())).toList();
    }

    static Map<String, AttributeValue> deviceItem(VaultId vault, DeviceRecord d) {
        Map<String, AttributeValue> item = new HashMap<>(key(vault, SortKeys.device(d.id())));
        item.put(KIND, s("device"));
        item.put("deviceId", s(d.id().value()));
        item.put("name", s(d.name()));
        item.put("role", s(d.role().wireName()));
        item.put("tokenHash", s(d.tokenHash()));
        item.put("createdAt", s(d.createdAt().toString()));
        item.put("lastSeen", s(d.lastSeen().toString()));
        item.put("cursor", n(d.cursor().value()));
        item.put("revoked", AttributeValue.fromBool(d.revoked()));
        return item;
    }

    static DeviceRecord device(Map<String, AttributeValue> m) {
        return new DeviceRecord(new DeviceId(m.get("deviceId").s()), m.get("name").s(), Role.fromWireName(m.get("role").s()),
                m.get("tokenHash").s(), Instant.parse(m.get("createdAt").s()), Instant.parse(m.get("lastSeen").s()),
                Seq.of(num(m, "cursor")), Boolean.TRUE.equals(m.get("revoked").bool()));
    }

    static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    static long num(Map<String, AttributeValue> item, String name) {
        return Long.parseLong(item.get(name).n());
    }
}
