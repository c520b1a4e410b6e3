package io.skysync.client.remote;

import io.skysync.client.config.UserError;
import io.skysync.spi.LocalBackend;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * Connects to the embedded local backend of a data folder: a {@code skysync serve} already running
 * on it (named by {@code <data>/endpoint} and answering {@code /v1/health}), otherwise one started
 * in this process for the duration of the command. The backend holds a lock on its data folder,
 * so two commands never open the same database files at once.
 */
public final class LocalBackendConnector {
    /** The local backends there are: AWS's stand-ins, and Azure's (Azurite). */
    public static final List<String> FLAVOURS = List.of("aws", "azure");

    private LocalBackendConnector() {
    }

    /** A live local backend; closing it stops the backend only if this process started it. */
    public record Connection(URI endpoint, String bootstrapSecret, LocalBackend owned) implements AutoCloseable {
        @Override
        public void close() {
            if (owned != null) {
                owned.close();
            }
        }
    }

    public static Connection connect(Path dataDir, OkHttpClient http) {
        Optional<URI> running = runningServer(dataDir, http);
        if (running.isPresent()) {
            return new Connection(running.get(), readSecret(dataDir), null);
        }
        LocalBackend.Provider provider;
        try {
            provider = LocalBackend.provider(flavourOf(dataDir));
        } catch (IllegalStateException e) {
            throw new UserError("the embedded local backend is not installed: it is the backend/ folder of the release"
                    + " archive (from a source checkout, run ./skysync), or set 'endpoint' in .skysync/config.toml to a"
                    + " deployed API", e);
        }
        LocalBackend backend;
        try {
            backend = provider.start(dataDir, 0);
        } catch (RuntimeException e) {
            throw new UserError("cannot start the local backend on " + dataDir + ": " + e.getMessage()
                    + " (is another skysync command using it? run 'skysync serve' to share it)", e);
        }
        return new Connection(backend.endpoint(), backend.bootstrapSecret(), backend);
    }

    /**
     * The flavour a data folder was used with: each keeps its stores in its own sub-folder, so a
     * folder that only holds Azurite's data ({@code azurite/}) is an Azure one; anything else is AWS.
     */
    public static String flavourOf(Path dataDir) {
        boolean azure = Files.isDirectory(dataDir.resolve("azurite"));
        boolean aws = Files.isDirectory(dataDir.resolve("dynamodb"));
        return azure && !aws ? "azure" : "aws";
    }

    static Optional<URI> runningServer(Path dataDir, OkHttpClient http) {
        Path file = dataDir.resolve("endpoint");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (text.isEmpty()) {
                return Optional.empty();
            }
            URI endpoint = URI.create(text.lines().findFirst().orElse("").strip());
            OkHttpClient quick = http.newBuilder().callTimeout(Duration.ofSeconds(2)).build();
            Request health = new Request.Builder().url(endpoint.resolve("/v1/health").toString()).get().build();
            try (Response response = quick.newCall(health).execute()) {
                return response.isSuccessful() ? Optional.of(endpoint) : Optional.empty();
            }
        } catch (IOException | IllegalArgumentException e) {
            // A stale file from a server that is gone: start our own.
            return Optional.empty();
        }
    }

    private static String readSecret(Path dataDir) {
        Path file = dataDir.resolve("bootstrap-secret");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
