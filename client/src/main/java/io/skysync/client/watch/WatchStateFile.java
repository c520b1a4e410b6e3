package io.skysync.client.watch;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.api.ApiJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code .skysync/watch.json}: written whole to a temp file and renamed over the old one, so a
 * reader ({@code skysync status}) sees the old state or the new one, never half of one.
 */
public final class WatchStateFile {
    public static final String NAME = "watch.json";
    private static final ObjectMapper READER = ApiJson.mapper().copy()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private final Path file;

    public WatchStateFile(Path stateDir) {
        this.file = stateDir.resolve(NAME);
    }

    public void write(WatchState state) throws IOException {
        Path temp = file.resolveSibling(NAME + ".tmp-" + UUID.randomUUID());
        try {
            Files.write(temp, ApiJson.write(state));
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** The last state written; empty if none was, or the file is unreadable. */
    public Optional<WatchState> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(READER.readValue(Files.readAllBytes(file), WatchState.class));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
