package io.skysync.reconcile;

import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names the conflict copy of a file: {@code name.conflict-<device>-<yyyyMMdd-HHmmss>.ext}, next to
 * the original, so a user sees both versions side by side (as Dropbox and Syncthing do). Where the
 * copy's name would not fit (a file name holds {@value #MAX_NAME_BYTES} bytes on common file
 * systems, a vault path {@value VaultPath#MAX_BYTES}), the stem is shortened and ends in {@code ~}.
 */
public final class ConflictCopyName {
    /** The longest file name ext4, APFS, NTFS (in UTF-16 units) and most others take, in UTF-8 bytes. */
    public static final int MAX_NAME_BYTES = 255;
    static final String SHORTENED = "~";
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ConflictCopyName() {
    }

    /** @throws SkysyncException {@code invalid_path} if even the tag alone does not fit beside the original */
    public static VaultPath of(VaultPath original, String deviceName, Instant at) {
        String name = original.fileName();
        int dot = name.lastIndexOf('.');
        // A leading dot (".bashrc") is part of the name, not an extension.
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String tag = ".conflict-" + safe(deviceName) + "-" + STAMP.format(at);
        String parent = original.parent();
        int room = Math.min(MAX_NAME_BYTES, VaultPath.MAX_BYTES - (parent.isEmpty() ? 0 : bytes(parent) + 1));
        if (bytes(stem + tag + ext) <= room) {
            return original.withFileName(stem + tag + ext);
        }
        if (bytes(ext) > room / 4) {
            // A very long "extension" is part of the name: keep the tag at the end.
            stem = name;
            ext = "";
        }
        int stemRoom = room - bytes(tag + ext + SHORTENED);
        if (stemRoom < 1) {
            throw new SkysyncException(ErrorCode.INVALID_PATH, "no conflict copy name fits beside " + original.fileName()
                    + " (its folder path is too long); rename the file to settle the conflict");
        }
        return original.withFileName(clip(stem, stemRoom) + SHORTENED + tag + ext);
    }

    public static boolean isConflictCopy(VaultPath path) {
        return path.fileName().contains(".conflict-");
    }

    private static String clip(String text, int maxBytes) {
        int end = 0;
        int used = 0;
        while (end < text.length()) {
            int next = text.offsetByCodePoints(end, 1);
            int size = bytes(text.substring(end, next));
            if (used + size > maxBytes) {
                break;
            }
            used += size;
            end = next;
        }
        return text.substring(0, end);
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String safe(String deviceName) {
        String cleaned = deviceName.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "device" : cleaned.substring(0, Math.min(cleaned.length(), 40));
    }
}
