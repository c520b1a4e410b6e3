package io.skysync.client.config;

import io.skysync.domain.VaultId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;

/**
 * Device tokens, one file per (vault, device) under the user's config dir, readable by the user
 * only (0600). {@code SKYSYNC_TOKEN} overrides the file, for CI and containers.
 */
public final class TokenStore {
    public static final String ENV = "SKYSYNC_TOKEN";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private final UserDirs dirs;

    public TokenStore(UserDirs dirs) {
        this.dirs = dirs;
    }

    public Path file(VaultId vault, String device) {
        return dirs.configDir().resolve("tokens").resolve(vault.value() + "-" + safe(device) + ".token");
    }

    /** The token from {@code SKYSYNC_TOKEN}, else from the token file. */
    public Optional<String> find(VaultId vault, String device) throws IOException {
        String fromEnv = dirs.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        Path file = file(vault, device);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        return Optional.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }

    /** Writes the token so that only its owner can read it: the file is created 0600, never widened. */
    public void save(VaultId vault, String device, String token) throws IOException {
        Path file = file(vault, device);
        Path dir = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && dir.getFileSystem().equals(FileSystems.getDefault());
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
        Path temp = dir.resolve(file.getFileName() + ".tmp");
        Files.deleteIfExists(temp);
        if (posix) {
            Files.createFile(temp, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.createFile(temp);
        }
        Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static String safe(String device) {
        String cleaned = device.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.isEmpty() ? "device" : cleaned;
    }
}
