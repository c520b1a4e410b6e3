package io.skysync.client.remote;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.client.config.UserError;
import io.skysync.spi.LocalInstance;
import io.skysync.spi.ProcessFileLock;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * The backend that serves a data folder right now, if one does, and proof that it is that backend.
 * The {@code endpoint} file alone proves nothing: after {@code kill -9} it names a port that any
 * local user may bind next. So it is trusted only while a backend holds the folder's {@code lock},
 * and only once the server there has answered a fresh challenge with the folder's instance
 * secret ({@link LocalInstance}). The challenge carries nothing but a random nonce.
 */
final class RunningBackend {
    private static final Duration PROOF_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final int MAX_ANSWER = 4096;

    private RunningBackend() {
    }

    /** A backend that proved it serves the data folder: where, and the secret of its start. */
    record Proven(URI endpoint, String instanceSecret) {
    }

    /**
     * Looks until the backend that holds the lock serves, or the lock goes: a backend holds it
     * while it starts (after a {@code kill -9} the old endpoint file is there until it takes the
     * lock and removes it) and while it stops (its server closed, its stores still closing), and a
     * command that looks at such a moment waits for either end instead of failing.
     *
     * @param startingWait how long to wait for a backend that holds the lock to serve
     * @return the proven backend; empty if no backend holds the lock (the file, if any, is stale)
     * @throws UserError if a backend holds the lock but nothing at its endpoint proves to be it
     */
    static Optional<Proven> find(Path dataDir, OkHttpClient http, Duration startingWait) {
        long deadline = System.nanoTime() + startingWait.toNanos();
        while (lockHeld(dataDir.resolve("lock"))) {
            boolean late = System.nanoTime() > deadline;
            Optional<URI> endpoint = readLine(dataDir.resolve("endpoint")).flatMap(RunningBackend::uri);
            if (endpoint.isPresent()) {
                String secret = readLine(dataDir.resolve(LocalInstance.FILE)).orElseThrow(() -> new UserError(
                        "the skysync backend serving " + dataDir + " at " + endpoint.get() + " cannot prove it is that"
                                + " folder's (it wrote no " + LocalInstance.FILE + ": an older version?); nothing was sent"
                                + " to it. Restart 'skysync serve'"));
                IOException silent = prove(dataDir, endpoint.get(), secret, http);
                if (silent == null) {
                    return Optional.of(new Proven(endpoint.get(), secret));
                }
                if (late) {
                    throw new UserError("the skysync backend holding " + dataDir + " does not answer at " + endpoint.get()
                            + " (" + silent.getMessage() + "); wait for it, or stop it", silent);
                }
            } else if (late) {
                throw new UserError("the data folder " + dataDir + " is locked by a skysync backend that has not started"
                        + " serving in " + startingWait.toSeconds() + " s; wait for it, or stop it");
            }
            try {
                Thread.sleep(POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new UserError("interrupted while looking for the local backend of " + dataDir, e);
            }
        }
        return Optional.empty();
    }

    /** Whether some backend, in this process or another, holds the data folder's lock. */
    static boolean lockHeld(Path lockFile) {
        try {
            return ProcessFileLock.isHeld(lockFile);
        } catch (IOException e) {
            throw new UserError("cannot check the lock " + lockFile + ": " + e.getMessage(), e);
        }
    }

    /** Null once the server there proved it knows {@code secret}; the failure if nothing answers. */
    private static IOException prove(Path dataDir, URI endpoint, String secret, OkHttpClient http) {
        String nonce = LocalInstance.newNonce();
        HttpUrl url = HttpUrl.get(endpoint.toString()).newBuilder().encodedPath(LocalInstance.IDENTITY_PATH)
                .addQueryParameter("nonce", nonce).build();
        OkHttpClient quick = http.newBuilder().callTimeout(PROOF_TIMEOUT).followRedirects(false)
                .followSslRedirects(false).retryOnConnectionFailure(false).build();
        String proof;
        try (Response response = quick.newCall(new Request.Builder().url(url).get().build()).execute()) {
            proof = response.isSuccessful() ? proofIn(response.body()) : null;
        } catch (IOException e) {
            return e;
        }
        if (!LocalInstance.same(LocalInstance.proof(secret, endpoint, nonce), proof)) {
            throw new UserError("the server at " + endpoint + " cannot prove it is the skysync backend of " + dataDir
                    + " (another user's server on a port left by a crash?); nothing was sent to it. Stop it,"
                    + " or restart 'skysync serve'");
        }
        return null;
    }

    private static String proofIn(ResponseBody body) throws IOException {
        if (body == null) {
            return null;
        }
        try (InputStream in = body.byteStream()) {
            byte[] answer = in.readNBytes(MAX_ANSWER);
            JsonNode proof = ApiJson.mapper().readTree(answer).path("proof");
            return proof.isTextual() ? proof.asText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static Optional<String> readLine(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : text.lines().findFirst().map(String::strip);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<URI> uri(String text) {
        try {
            URI uri = URI.create(text);
            return "http".equals(uri.getScheme()) && uri.getHost() != null ? Optional.of(uri) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
