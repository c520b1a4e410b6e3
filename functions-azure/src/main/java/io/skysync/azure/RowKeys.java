package io.skysync.azure;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;

/**
 * RowKeys of the manifest table: the logical keys of docs/design.md ({@code meta}, {@code file#<path>},
 * {@code log#<seq>}, {@code hist#<path>#<version>}, {@code device#<id>}) in a form Azure Table
 * accepts. A RowKey must not hold {@code / \ # ?} or a control character, and range queries need
 * the key order to follow the path order, so {@link #encode} is an order-preserving escape: each
 * escaped character becomes a <em>leader</em> (an allowed character that sorts just below or among
 * the characters it stands for) and two hex digits of its offset. Every code is prefix-free and
 * codes sort as their characters do, so for any strings {@code a < b} in UTF-16 order,
 * {@code encode(a) < encode(b)}, and {@code encode(prefix)} is a prefix of {@code encode(s)}.
 *
 * <p>The space character never appears in an encoded string, and sorts below every character that
 * does: it ends a path inside a key ({@code hist$00<path> <version>}), so the rows of one path are
 * contiguous and no other path's rows share their prefix.
 *
 * <p>Keys are limited to 512 UTF-16 characters (1 KiB) and a path may have 1024 bytes, so an
 * encoded path longer than {@link #MAX_INLINE_PATH} is cut there and followed by a space and 32 hex
 * digits of its SHA-256: a <em>long key</em>, not reversible (the row keeps the full path as a
 * property). Rows whose keys share the cut part form one group; {@link TableManifestStore#files}
 * sorts a group by path.
 */
public final class RowKeys {
    // Declared first: the key prefixes below are computed with them.
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** Escaped ranges: {first, last, leader}. The leader lies inside its range, so order is kept. */
    private static final char[][] GROUPS = {
        {0x00, 0x21, '!'},   // control characters, space and '!'
        {0x23, 0x27, '$'},   // '#', '$', '%', '&', '\'' (quotes would need doubling in filters)
        {0x2E, 0x2F, '.'},   // '.', '/'
        {0x3E, 0x3F, '>'},   // '>', '?'
        {0x5B, 0x5C, '['},   // '[', '\'
        {0x7E, 0x9F, '~'},   // '~', DEL and the C1 control characters
    };

    /** Encoded path characters kept in a key before it is cut and hashed. */
    public static final int MAX_INLINE_PATH = 400;
    static final char END_OF_PATH = ' ';
    static final String META = "meta";
    static final String FILE_PREFIX = encode("file#");
    static final String LOG_PREFIX = encode("log#");
    static final String HISTORY_PREFIX = encode("hist#");
    static final String DEVICE_PREFIX = encode("device#");
    private static final int DIGITS = 19;

    private RowKeys() {
    }

    /** Escapes every character a RowKey forbids (and a few more), keeping UTF-16 order. */
    public static String encode(String raw) {
        StringBuilder out = new StringBuilder(raw.length() + 16);
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            char[] group = groupOf(c);
            if (group == null) {
                out.append(c);
            } else {
                int offset = c - group[0];
                out.append(group[2]).append(HEX[offset >> 4]).append(HEX[offset & 0xF]);
            }
        }
        return out.toString();
    }

    /** The inverse of {@link #encode}; refuses text that {@code encode} cannot have produced. */
    public static String decode(String encoded) {
        StringBuilder out = new StringBuilder(encoded.length());
        for (int i = 0; i < encoded.length(); i++) {
            char c = encoded.charAt(i);
            char[] group = groupOf(c);
            if (group == null) {
                out.append(c);
                continue;
            }
            if (c != group[2] || i + 2 >= encoded.length()) {
                throw new IllegalArgumentException("not an encoded key at index " + i);
            }
            int offset = hex(encoded.charAt(i + 1)) << 4 | hex(encoded.charAt(i + 2));
            if (offset < 0 || group[0] + offset > group[1]) {
                throw new IllegalArgumentException("bad escape at index " + i);
            }
            out.append((char) (group[0] + offset));
            i += 2;
        }
        return out.toString();
    }

    /**
     * The path part of a key: the encoded path, or for a long path its first
     * {@link #MAX_INLINE_PATH} encoded characters, a space and a hash. {@link #group} of it orders rows.
     */
    public static String pathKey(VaultPath path) {
        String encoded = encode(path.value());
        if (encoded.length() <= MAX_INLINE_PATH) {
            return encoded;
        }
        return group(encoded) + END_OF_PATH + pathDigest(path);
    }

    /** The part of a path key that sorts by path: the whole key, or the cut part of a long one. */
    public static String group(String pathKeyOrEncoded) {
        int end = pathKeyOrEncoded.indexOf(END_OF_PATH);
        String visible = end < 0 ? pathKeyOrEncoded : pathKeyOrEncoded.substring(0, end);
        if (visible.length() <= MAX_INLINE_PATH) {
            return visible;
        }
        int cut = MAX_INLINE_PATH;
        // Never end a key inside a surrogate pair: a lone surrogate is not valid text on the wire.
        if (Character.isHighSurrogate(visible.charAt(cut - 1))) {
            cut--;
        }
        return visible.substring(0, cut);
    }

    static String file(VaultPath path) {
        return FILE_PREFIX + pathKey(path);
    }

    static String history(VaultPath path, FileVersion version) {
        return historyPrefix(path) + newestFirst(version.value());
    }

    /** Every history row of one path starts with this, and no other path's row does. */
    static String historyPrefix(VaultPath path) {
        return HISTORY_PREFIX + pathKey(path) + END_OF_PATH;
    }

    /** A commit's log row is keyed by its last seq, so rows after a cursor are those with a greater key. */
    static String log(Seq lastSeqOfCommit) {
        return LOG_PREFIX + pad(lastSeqOfCommit.value());
    }

    static String device(DeviceId id) {
        return DEVICE_PREFIX + encode(id.value());
    }

    /** The least key greater than every key that starts with {@code prefix}. */
    static String prefixEnd(String prefix) {
        char last = prefix.charAt(prefix.length() - 1);
        return prefix.substring(0, prefix.length() - 1) + (char) (last + 1);
    }

    static long versionOfHistoryKey(String rowKey) {
        return Long.MAX_VALUE - Long.parseLong(rowKey.substring(rowKey.length() - DIGITS));
    }

    /** Table queries only run forwards, so history keys count down: the newest version sorts first. */
    private static String newestFirst(long version) {
        return pad(Long.MAX_VALUE - version);
    }

    private static String pad(long value) {
        String digits = Long.toString(value);
        return "0".repeat(DIGITS - digits.length()) + digits;
    }

    private static String pathDigest(VaultPath path) {
        return ContentHash.ofBytes(path.value().getBytes(StandardCharsets.UTF_8)).hex().substring(0, 32);
    }

    private static char[] groupOf(char c) {
        for (char[] group : GROUPS) {
            if (c >= group[0] && c <= group[1]) {
                return group;
            }
        }
        return null;
    }

    private static int hex(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }
}
