package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.text.Normalizer;
import java.util.Locale;

/**
 * A file's path inside a vault: {@code /}-separated, relative, NFC-normalized, no empty, {@code .}
 * or {@code ..} segment, no backslash, no control character, no drive letter, at most 1024 UTF-8
 * bytes. The constructor refuses anything else, so a {@code VaultPath} can always be joined to a
 * sync root without escaping it.
 */
public record VaultPath(String value) implements Comparable<VaultPath> {
    public static final int MAX_BYTES = 1024;

    public VaultPath {
        String problem = problem(value);
        if (problem != null) {
            throw new SkysyncException(ErrorCode.INVALID_PATH, "invalid path " + quote(value) + ": " + problem);
        }
    }

    /** Parses a path exactly as sent over the wire; refuses a path that is not already NFC. */
    public static VaultPath of(String value) {
        return new VaultPath(value);
    }

    /** Normalizes a path seen on a local disk (NFD on macOS, say) to NFC before checking it. */
    public static VaultPath normalized(String value) {
        return new VaultPath(value == null ? null : Normalizer.normalize(value, Normalizer.Form.NFC));
    }

    public static boolean isValid(String value) {
        return problem(value) == null;
    }

    /** The key two paths share when they differ only by case, for collision checks on case-insensitive disks. */
    public String caseFoldKey() {
        return Normalizer.normalize(value.toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT), Normalizer.Form.NFC);
    }

    public String fileName() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? value : value.substring(slash + 1);
    }

    /** The parent folder, or the empty string for a top-level file. */
    public String parent() {
        int slash = value.lastIndexOf('/');
        return slash < 0 ? "" : value.substring(0, slash);
    }

    public VaultPath withFileName(String name) {
        String parent = parent();
        return new VaultPath(parent.isEmpty() ? name : parent + "/" + name);
    }

    @Override
    public int compareTo(VaultPath other) {
        return value.compareTo(other.value);
    }

    // Written out: every map of a sync is keyed by these, and a record's generated equals and hashCode
    // (method handles) are slower until the top JIT tier compiles them (a map lookup about 1.5 times).
    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof VaultPath that && value.equals(that.value));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return value;
    }

    private static String problem(String value) {
        if (value == null || value.isEmpty()) {
            return "a path must not be empty";
        }
        // A char is at most 3 UTF-8 bytes (a surrogate pair 4): a short path needs no count.
        if ((long) value.length() * 3 > MAX_BYTES && utf8Length(value) > MAX_BYTES) {
            return "longer than " + MAX_BYTES + " UTF-8 bytes";
        }
        boolean ascii = true;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            ascii &= c < 0x80;
            if (c < 0x20 || (c >= 0x7f && c <= 0x9f)) {
                return "contains a control character";
            }
            if (c == '\\') {
                return "contains a backslash; use / between folders";
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return "contains an unpaired surrogate";
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return "contains an unpaired surrogate";
            }
        }
        if (value.startsWith("/")) {
            return "must be relative to the vault, not absolute";
        }
        // ASCII is NFC: the normalizer's check (a scan's path checks are per file) only for the others.
        if (!ascii && !Normalizer.isNormalized(value, Normalizer.Form.NFC)) {
            return "must be NFC-normalized";
        }
        // Segment by segment in place: a path is checked for every file of every scan.
        int firstEnd = -1;
        for (int from = 0; from <= value.length(); ) {
            int slash = value.indexOf('/', from);
            int end = slash < 0 ? value.length() : slash;
            int length = end - from;
            if (length == 0) {
                return "has an empty segment";
            }
            if (value.charAt(from) == '.' && (length == 1 || (length == 2 && value.charAt(from + 1) == '.'))) {
                return "must not contain . or .. segments";
            }
            if (firstEnd < 0) {
                firstEnd = end;
            }
            from = end + 1;
        }
        // "C:" and also "C:name": Windows resolves a drive-relative path against that drive, outside the root.
        if (firstEnd >= 2 && value.charAt(1) == ':' && isAsciiLetter(value.charAt(0))) {
            return "must not start with a drive letter";
        }
        return null;
    }

    /** The length of {@code value} in UTF-8, as {@code getBytes(UTF_8)} would encode it (an unpaired surrogate as one byte). */
    private static int utf8Length(String value) {
        int bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                bytes++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static String quote(String value) {
        if (value == null) {
            return "(null)";
        }
        StringBuilder out = new StringBuilder("\"");
        int limit = Math.min(value.length(), 80);
        for (int i = 0; i < limit; i++) {
            char c = value.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return out.append(value.length() > limit ? "...\"" : "\"").toString();
    }
}
