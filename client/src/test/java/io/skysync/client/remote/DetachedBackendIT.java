package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The background local backend (docs/architecture-local-backend.md, "A backend for the next
 * commands too"): a command that finds none starts one in a process of its own, later commands
 * reuse it after its proof, two commands starting at once end up on one backend, a command that
 * still works keeps it up, and once idle it stops by itself and leaves the data folder as a stopped
 * backend does: unlocked, no endpoint, no instance secret.
 */
class DetachedBackendIT {
    private static final Duration IDLE_STOP = Duration.ofSeconds(4);
    private static final OkHttpClient HTTP = new OkHttpClient.Builder().callTimeout(Duration.ofSeconds(20)).build();

    @TempDir
    Path temp;

    @Test
    void connect_noBackend_startsOneInItsOwnProcessThatCommandsShareAndThatStopsWhenIdle() throws Exception {
        Path data = temp.resolve("data");
        List<LocalBackendConnector.Connection> both = twoAtOnce(data);
        LocalBackendConnector.Connection first = both.get(0);
        LocalBackendConnector.Connection second = both.get(1);

        assertThat(first.owned()).as("not this process's backend").isNull();
        assertThat(second.endpoint()).as("one backend for both").isEqualTo(first.endpoint());
        assertThat(first.bootstrapSecret()).isNotBlank().isEqualTo(second.bootstrapSecret());
        assertThat(health(first.endpoint())).isEqualTo(200);
        assertThat(Files.readString(data.resolve(DetachedBackend.LOG))).contains("skysync local backend on " + first.endpoint());
        first.close();

        // Longer than the idle stop without a request of its own: the open connection's pings keep it up.
        Thread.sleep(IDLE_STOP.multipliedBy(2).toMillis());
        assertThat(health(second.endpoint())).isEqualTo(200);
        second.close();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (RunningBackend.lockHeld(data.resolve("lock")) && System.nanoTime() < deadline) {
            Thread.sleep(200);
        }
        assertThat(RunningBackend.lockHeld(data.resolve("lock"))).as("stopped when idle").isFalse();
        assertThat(data.resolve("endpoint")).doesNotExist();
        assertThat(data.resolve("instance-secret")).doesNotExist();
        assertThat(Files.readString(data.resolve(DetachedBackend.LOG))).contains("no request for 4 s: stopping");
    }

    private static List<LocalBackendConnector.Connection> twoAtOnce(Path data) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Callable<LocalBackendConnector.Connection> connect = () -> LocalBackendConnector.connect(data, HTTP, IDLE_STOP);
            Future<LocalBackendConnector.Connection> a = pool.submit(connect);
            Future<LocalBackendConnector.Connection> b = pool.submit(connect);
            return List.of(a.get(90, TimeUnit.SECONDS), b.get(90, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
    }

    private static int health(URI endpoint) throws IOException {
        try (Response response = HTTP.newCall(new Request.Builder().url(endpoint + "/v1/health").get().build()).execute()) {
            return response.code();
        }
    }
}
