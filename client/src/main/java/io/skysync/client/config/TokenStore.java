package io.skysync.client.config;

import io.skysync.domain.VaultId;
import io.skysync.spi.PrivateFolder;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Device tokens, one file per (deployment, vault, device name) under the user's config dir, in a
 * folder only the user may write (0700) and readable by the user only (0600). The file name spells
 * the key out, escaped so that different keys never share a file, on a case-insensitive disk too:
 * {@code <deployment>.<vault>.<device>.token}, each part keeping {@code a-z 0-9 -} and writing any
 * other byte of its UTF-8 as {@code _xx} (so {@code phone 1} is {@code phone_201} and {@code phone_1}
 * is {@code phone_5f1}). A part that would make the name too long for a file system is written as
 * {@code ~} and 32 hex digits of its SHA-256 instead (unambiguous, but not readable back).
 * {@code SKYSYNC_TOKEN} overrides the file, for CI and containers.
 */
public final class TokenStore {
    public static final String ENV = "SKYSYNC_TOKEN";
    private static final int MAX_NAME = 240;
    private static final int MAX_PART = 64;
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");
    private final UserDirs dirs;

    /**
     * What a token belongs to.
     *
     * @param deployment where the token is valid: {@link #deployment(URI)} or {@link #local(Path)}
     */
    public record Key(String deployment, VaultId vault, String device) {
        public Key {
            Objects.requireNonNull(deployment, "deployment");
            Objects.requireNonNull(vault, "vault");
            Objects.requireNonNull(device, "device");
        }

        public Key withDevice(String otherDevice) {
            return new Key(deployment, vault, otherDevice);
        }
    }

    public TokenStore(UserDirs dirs) {
        this.dirs = dirs;
    }

    /** A deployed API, by its URL as the client calls it (scheme and host in lower case, no trailing slash). */
    public static String deployment(URI endpoint) {
        String path = endpoint.getRawPath() == null ? "" : endpoint.getRawPath().replaceAll("/+$", "");
        return endpoint.getScheme().toLowerCase(Locale.ROOT) + "://" + endpoint.getHost().toLowerCase(Locale.ROOT)
                + (endpoint.getPort() < 0 ? "" : ":" + endpoint.getPort()) + path;
    }

    /** An embedded local backend, by its data folder: another data folder is another deployment. */
    public static String local(Path dataDir) {
        return "local:" + dataDir.toAbsolutePath().normalize();
    }

    public Path dir() {
        return dirs.configDir().resolve("tokens");
    }

    public Path file(Key key) {
        String vault = part(key.vault().value());
        String device = part(key.device());
        String deployment = part(key.deployment());
        String name = deployment + "." + vault + "." + device + ".token";
        if (name.length() > MAX_NAME) {
            name = shortPart(deployment) + "." + shortPart(vault) + "." + shortPart(device) + ".token";
        }
        return dir().resolve(name);
    }

    /** The key a file name spells, if it is one of ours and none of its parts was shortened. */
    public static Optional<Key> keyOf(String fileName) {
        if (!fileName.endsWith(".token")) {
            return Optional.empty();
        }
        String[] parts = fileName.substring(0, fileName.length() - ".token".length()).split("\\.", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new Key(unescape(parts[0]), new VaultId(unescape(parts[1])), unescape(parts[2])));
        } catch (RuntimeException notOurs) {
            return Optional.empty();
        }
    }

    /** The token from {@code SKYSYNC_TOKEN}, else from the key's file. */
    public Optional<String> find(Key key) throws IOException {
        String fromEnv = dirs.get(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(fromEnv.strip());
        }
        return read(file(key));
    }

    /**
     * As {@link #find}, for a folder that is already configured with this key: a token file of an
     * older client ({@code <vault>-<device>.token}, which did not say where the token is valid) is
     * moved to the key's file first. Only then: a folder's own config is the evidence of where its
     * token was used; a new folder must never pick up another deployment's token.
     */
    public Optional<String> findForConfiguredFolder(Key key) throws IOException {
        Optional<String> found = find(key);
        if (found.isPresent()) {
            return found;
        }
        Path legacy = dir().resolve(key.vault().value() + "-" + legacySafe(key.device()) + ".token");
        Optional<String> old = read(legacy);
        if (old.isPresent()) {
            save(key, old.get());
            Files.deleteIfExists(legacy);
        }
        return old;
    }

    /** Whether a folder of this machine already uses this key (the environment's token does not count). */
    public boolean taken(Key key) throws IOException {
        return read(file(key)).isPresent();
    }

    /**
     * Refuses a key whose file holds another token than {@code token}: a folder of this machine is
     * (or was) another device of that name, and a rename to it would take its token file over.
     */
    public void requireFreeFor(Key key, String token) throws IOException {
        Optional<String> held = read(file(key));
        if (held.isPresent() && !held.get().equals(token)) {
            throw new UserError("a folder of this machine is device '" + key.device() + "' of vault '" + key.vault()
                    + "' (its token is in " + file(key) + "); choose another name");
        }
    }

    /**
     * After a rename of the device: its token under the new key too, written as {@link #save} writes
     * (temp file, atomic rename), so the token is reachable under one key or the other at every
     * instant. The old key's file stays: another folder of this machine initialised with the same
     * device name shares the token and still reads it there.
     *
     * @return false, with nothing written, if {@code from} has no token file (the token came from
     *     {@code SKYSYNC_TOKEN}, which is never written to disk)
     */
    public boolean follow(Key from, Key to) throws IOException {
        Optional<String> token = read(file(from));
        if (token.isEmpty()) {
            return false;
        }
        requireFreeFor(to, token.get());
        save(to, token.get());
        return true;
    }

    /** Writes the token so that only its owner can read it: the file is created 0600, never widened. */
    public void save(Key key, String token) throws IOException {
        Path file = file(key);
        Path dir = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                && dir.getFileSystem().equals(FileSystems.getDefault());
        if (posix) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_DIR));
        } else {
            Files.createDirectories(dir);
        }
        requirePrivate(dir);
        // A temp file of this save's own: a command without the folder lock may save beside a watcher.
        String prefix = file.getFileName() + ".";
        Path temp = posix ? Files.createTempFile(dir, prefix, ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, prefix, ".tmp");
        try {
            Files.writeString(temp, token + "\n", StandardCharsets.UTF_8);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Optional<String> read(Path file) throws IOException {
        if (!Files.isDirectory(file.getParent())) {
            return Optional.empty();
        }
        requirePrivate(file.getParent());
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        String token = Files.readString(file, StandardCharsets.UTF_8).strip();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    /** Whoever may write into the folder could plant a token of theirs, or a link to one. */
    private static void requirePrivate(Path dir) {
        try {
            PrivateFolder.require(dir, "the token folder");
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        }
    }

    static String part(String text) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.append(c);
            } else {
                out.append('_').append(HexFormat.of().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String unescape(String part) {
        if (part.startsWith("~")) {
            throw new IllegalArgumentException("shortened");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < part.length(); i++) {
            char c = part.charAt(i);
            if (c == '_') {
                out.write(HexFormat.fromHexDigits(part, i + 1, i + 3));
                i += 2;
            } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-') {
                out.write(c);
            } else {
                throw new IllegalArgumentException("not an escaped part");
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String shortPart(String escaped) {
        if (escaped.length() <= MAX_PART) {
            return escaped;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(escaped.getBytes(StandardCharsets.UTF_8));
            return "~" + HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    /** How token files were named before they were keyed by deployment. */
    private static String legacySafe(String device) {
        String cleaned = device.replaceAll("[^A-Za-z0-9_.-]", "_");
        return cleaned.isEmpty() ? "device" : cleaned;
    }
}
