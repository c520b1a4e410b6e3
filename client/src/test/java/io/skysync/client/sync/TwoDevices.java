package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.testing.Device;
import io.skysync.client.testing.FakeBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** The set-up of the two-device sync tests: one in-process backend per class, two devices of a fresh vault per test. */
abstract class TwoDevices {
    private static final AtomicInteger VAULTS = new AtomicInteger();
    static FakeBackend backend;

    @TempDir
    Path temp;
    Device a;
    Device b;
    String vault;
    String token;

    @BeforeAll
    static void startBackend() throws IOException {
        backend = FakeBackend.start();
    }

    @AfterAll
    static void stopBackend() {
        backend.close();
    }

    @BeforeEach
    void twoDevices() throws IOException {
        vault = "v" + VAULTS.incrementAndGet();
        token = backend.createVault(vault, "a");
        a = new Device(Files.createDirectory(temp.resolve("a")), backend.endpoint(), vault, token, "a");
        b = new Device(Files.createDirectory(temp.resolve("b")), backend.endpoint(), vault, token, "b");
    }

    /** a, b, a again: each device's changes reach the other and what a learned from b settles. */
    void syncBoth() {
        assertThat(a.sync().failures()).isEmpty();
        assertThat(b.sync().failures()).isEmpty();
        assertThat(a.sync().failures()).isEmpty();
    }
}
