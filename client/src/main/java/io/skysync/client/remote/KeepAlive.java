package io.skysync.client.remote;

import io.skysync.spi.LocalInstance;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/**
 * Tells a local backend that stops when idle that this command still works with it: a command can
 * hash for minutes before its first request. Every {@code interval} it sends
 * {@code POST /_local/alive} with the key derived from the backend's instance secret, on a daemon
 * thread, until closed. A failed ping is ignored: the command's own requests report a gone backend.
 */
final class KeepAlive implements AutoCloseable {
    private final ScheduledExecutorService timer;

    private KeepAlive(ScheduledExecutorService timer) {
        this.timer = timer;
    }

    static KeepAlive start(URI endpoint, String instanceSecret, OkHttpClient http, Duration interval) {
        HttpUrl url = HttpUrl.get(endpoint.toString()).newBuilder().encodedPath(LocalInstance.ALIVE_PATH).build();
        Request ping = new Request.Builder().url(url).post(RequestBody.create(new byte[0]))
                .header("Authorization", "Bearer " + LocalInstance.countersKey(instanceSecret)).build();
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "skysync-backend-keepalive");
            thread.setDaemon(true);
            return thread;
        });
        long millis = interval.toMillis();
        timer.scheduleWithFixedDelay(() -> send(http, ping), millis, millis, TimeUnit.MILLISECONDS);
        return new KeepAlive(timer);
    }

    @SuppressWarnings("try") // the answer is only closed: the request itself counts as activity
    private static void send(OkHttpClient http, Request ping) {
        try (Response ignored = http.newCall(ping).execute()) {
            // Nothing to read.
        } catch (IOException | RuntimeException e) {
            // The backend is gone or busy; the command's next request says so if it matters.
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
