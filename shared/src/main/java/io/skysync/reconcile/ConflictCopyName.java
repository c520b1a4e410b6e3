package io.skysync.reconcile;

import io.skysync.domain.VaultPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * Names the conflict copy of a file: {@code name.conflict-<device>-<yyyyMMdd-HHmmss>.ext}, next to
 * the original, so a user sees both versions side by side (as Dropbox and Syncthing do).
 */
public final class ConflictCopyName {
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ConflictCopyName() {
    }

    public static VaultPath of(VaultPath original, String deviceName, Instant at) {
        String name = original.fileName();
        int dot = name.lastIndexOf('.');
        // A leading dot (".bashrc") is part of the name, not an extension.
        String stem = dot > 0 ? name.substring(0, dot) : name;
        String ext = dot > 0 ? name.substring(dot) : "";
        String tag = ".conflict-" + safe(deviceName) + "-" + STAMP.format(at);
        return original.withFileName(stem + tag + ext);
    }

    public static boolean isConflictCopy(VaultPath path) {
        return path.fileName().contains(".conflict-");
    }

    private static String safe(String deviceName) {
        String cleaned = deviceName.replaceAll("[^A-Za-z0-9_-]", "_");
        return cleaned.isEmpty() ? "device" : cleaned.substring(0, Math.min(cleaned.length(), 40));
    }
}
