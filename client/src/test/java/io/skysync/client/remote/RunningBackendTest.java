package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.skysync.spi.LocalInstance;
import io.skysync.spi.ProcessFileLock;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The moments a backend holds the data folder's lock while its {@code endpoint} file names nothing
 * that answers: it is stopping (the server closed, the emulators still closing), or it has just
 * taken the lock after a {@code kill -9} of the one before. A command that looks then waits for the
 * lock to go or the backend to serve; it does not fail.
 */
class RunningBackendTest {
    private static final OkHttpClient HTTP = new OkHttpClient();
    @TempDir
    Path data;
    private ProcessFileLock lock;
    private HttpServer server;

    @AfterEach
    void release() throws IOException {
        if (lock != null) {
            lock.close();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void backendStoppingWhileACommandLooks_findsNoneOnceTheLockGoes() throws Exception {
        lock = ProcessFileLock.tryAcquire(data.resolve("lock"));
        write("endpoint", "http://127.0.0.1:" + closedPort());
        write(LocalInstance.FILE, LocalInstance.newSecret());
        CompletableFuture<Void> stopped = later(() -> {
            Files.delete(data.resolve("endpoint"));
            lock.close();
        });

        assertThat(RunningBackend.find(data, HTTP, Duration.ofSeconds(10))).isEmpty();
        stopped.get(10, TimeUnit.SECONDS);
    }

    @Test
    void backendThatJustTookTheLockAfterACrash_isFoundOnceItServes() throws Exception {
        lock = ProcessFileLock.tryAcquire(data.resolve("lock"));
        write("endpoint", "http://127.0.0.1:" + closedPort()); // the crashed backend's
        write(LocalInstance.FILE, LocalInstance.newSecret());
        String secret = LocalInstance.newSecret();
        CompletableFuture<Void> serving = later(() -> {
            URI endpoint = serve(secret);
            write(LocalInstance.FILE, secret);
            write("endpoint", endpoint.toString());
        });

        Optional<RunningBackend.Proven> found = RunningBackend.find(data, HTTP, Duration.ofSeconds(10));
        serving.get(10, TimeUnit.SECONDS);
        assertThat(found).map(RunningBackend.Proven::instanceSecret).contains(secret);
    }

    private interface Step {
        void run() throws Exception;
    }

    /** {@code step} on another thread, after the command has had time to look once. */
    private static CompletableFuture<Void> later(Step step) {
        return CompletableFuture.runAsync(() -> {
            try {
                Thread.sleep(300);
                step.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** A server on 127.0.0.1 that answers the identity challenge with {@code secret}, as the backend does. */
    private URI serve(String secret) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        server.createContext(LocalInstance.IDENTITY_PATH, exchange -> {
            String nonce = exchange.getRequestURI().getRawQuery().substring("nonce=".length());
            byte[] body = ("{\"proof\":\"" + LocalInstance.proof(secret, endpoint, nonce) + "\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        return endpoint;
    }

    private void write(String name, String line) throws IOException {
        Path temp = data.resolve(name + ".tmp");
        Files.writeString(temp, line + "\n");
        Files.move(temp, data.resolve(name), StandardCopyOption.ATOMIC_MOVE);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
