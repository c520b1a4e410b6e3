package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.FileVersion;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.nio.charset.StandardCharsets;

/**
 * The keys of the single-table layout (docs/aws.md): {@code pk = vault#<id>}, and a sort key per
 * kind of item. Numbers are zero-padded to 20 digits so that string order is numeric order.
 */
final class SortKeys {
    static final String META = "meta";
    static final String FILE_PREFIX = "file#";
    /** '$' follows '#', so {@code BETWEEN file# AND file$} holds every file item and nothing else. */
    static final String FILE_END = "file$";
    static final String LOG_PREFIX = "log#";
    static final String LOG_END = "log$";
    static final String HIST_PREFIX = "hist#";
    static final String DEVICE_PREFIX = "device#";

    /** DynamoDB's limit on a sort key, in UTF-8 bytes. */
    private static final int MAX_SORT_KEY_BYTES = 1024;
    /** A long path's key: its head, U+0001 (never in a path, sorts before any path char), its SHA-256. */
    private static final int LONG_PATH_HEAD_BYTES = MAX_SORT_KEY_BYTES - FILE_PREFIX.length() - 1 - 64;

    private SortKeys() {
    }

    static String partition(VaultId vault) {
        return "vault#" + vault.value();
    }

    /**
     * {@code file#<path>}. A path of up to 1024 bytes plus the prefix can pass DynamoDB's 1024-byte
     * sort-key limit; such a path keeps its first bytes (so it still sorts near its siblings) and ends
     * in its hash, which keeps the key unique. The entry's {@code path} attribute holds the full path.
     */
    static String file(VaultPath path) {
        byte[] utf8 = path.value().getBytes(StandardCharsets.UTF_8);
        if (FILE_PREFIX.length() + utf8.length <= MAX_SORT_KEY_BYTES) {
            return FILE_PREFIX + path.value();
        }
        return FILE_PREFIX + head(path.value(), LONG_PATH_HEAD_BYTES) + '\u0001' + pathHash(path);
    }

    static String log(Seq lastSeqOfCommit) {
        return LOG_PREFIX + pad(lastSeqOfCommit.value());
    }

    /**
     * {@code hist#<sha256 of path>#<version>}: hashed, not the raw path, so that the key stays under
     * the sort-key limit and the history of {@code a} never matches the prefix of {@code a#b}'s.
     */
    static String history(VaultPath path, FileVersion version) {
        return historyPrefix(path) + pad(version.value());
    }

    static String historyPrefix(VaultPath path) {
        return HIST_PREFIX + pathHash(path) + "#";
    }

    static String device(DeviceId device) {
        return DEVICE_PREFIX + device.value();
    }

    static String pad(long value) {
        return String.format("%020d", value);
    }

    private static String pathHash(VaultPath path) {
        return ContentHash.ofBytes(path.value().getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** The longest prefix of {@code value} that fits {@code maxBytes} of UTF-8 without splitting a code point. */
    private static String head(String value, int maxBytes) {
        int bytes = 0;
        int end = 0;
        while (end < value.length()) {
            int cp = value.codePointAt(end);
            int len = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + len > maxBytes) {
                break;
            }
            bytes += len;
            end += Character.charCount(cp);
        }
        return value.substring(0, end);
    }
}
