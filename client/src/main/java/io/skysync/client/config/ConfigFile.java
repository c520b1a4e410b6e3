package io.skysync.client.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@code DIR/.skysync/config.toml}. */
public final class ConfigFile {
    public static final String STATE_DIR = ".skysync";
    private static final TomlMapper TOML = new TomlMapper();

    private ConfigFile() {
    }

    public static Path stateDir(Path root) {
        return root.resolve(STATE_DIR);
    }

    public static Path of(Path root) {
        return stateDir(root).resolve("config.toml");
    }

    public static boolean exists(Path root) {
        return Files.isRegularFile(of(root));
    }

    public static FolderConfig read(Path root) {
        Path file = of(root);
        if (!Files.isRegularFile(file)) {
            throw new UserError(root + " is not a skysync folder (no .skysync/config.toml); run 'skysync init " + root + "' first");
        }
        try {
            JsonNode node = TOML.readTree(file.toFile());
            return new FolderConfig(
                    text(node, "endpoint", FolderConfig.LOCAL),
                    new VaultId(text(node, "vault", "default")),
                    text(node, "device", "device"),
                    ConflictPolicy.fromWireName(text(node, "on_conflict", ConflictPolicy.KEEP_BOTH.wireName())),
                    percent(node.get("max_delete_percent")),
                    node.hasNonNull("role") ? Role.fromWireName(node.get("role").asText()) : null);
        } catch (IOException | SkysyncException | IllegalArgumentException e) {
            throw new UserError("cannot read " + file + ": " + e.getMessage() + "; fix or delete the file and run 'skysync init' again", e);
        }
    }

    public static void write(Path root, FolderConfig config) throws IOException {
        Path file = of(root);
        Files.createDirectories(file.getParent());
        ObjectNode node = TOML.createObjectNode();
        node.put("endpoint", config.endpoint());
        node.put("vault", config.vault().value());
        node.put("device", config.device());
        node.put("on_conflict", config.onConflict().wireName());
        node.put("max_delete_percent", config.maxDeletePercent());
        if (config.role() != null) {
            node.put("role", config.role().wireName());
        }
        // A temp file of this write's own: a command without the folder lock writes beside a watcher.
        Path temp = Files.createTempFile(file.getParent(), "config.toml.", ".tmp");
        try {
            Files.write(temp, TOML.writeValueAsBytes(node));
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** A whole number from 0 to 100; anything else is said to be wrong, never read as the default. */
    private static int percent(JsonNode value) {
        if (value == null || value.isNull()) {
            return FolderConfig.DEFAULT_MAX_DELETE_PERCENT;
        }
        if (!value.isIntegralNumber() || value.asLong() < 0 || value.asLong() > 100) {
            throw new IllegalArgumentException("max_delete_percent must be a whole number from 0 to 100, not "
                    + value.toString());
        }
        return value.asInt();
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asText();
    }
}
