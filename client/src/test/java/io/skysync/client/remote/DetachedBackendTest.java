package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The backend's log, which every command that starts a backend opens: commands start at once. */
class DetachedBackendTest {
    @TempDir
    Path data;

    @Test
    void createLog_eightCommandsAtOnce_allGetTheOnePrivateLog() throws Exception {
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Path>> logs = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                logs.add(pool.submit(() -> {
                    start.await();
                    return DetachedBackend.createLog(data);
                }));
            }
            start.countDown();
            for (Future<Path> log : logs) {
                assertThat(log.get(10, TimeUnit.SECONDS)).isEqualTo(data.resolve(DetachedBackend.LOG));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(data.resolve(DetachedBackend.LOG))))
                .isEqualTo("rw-------");
    }

    @Test
    void createLog_earlierBackendsLog_keepsWhatItHolds() throws Exception {
        Files.writeString(data.resolve(DetachedBackend.LOG), "skysync local backend on http://127.0.0.1:1\n");
        DetachedBackend.createLog(data);
        assertThat(Files.readString(data.resolve(DetachedBackend.LOG))).contains("127.0.0.1:1");
    }
}
