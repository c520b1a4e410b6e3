package io.skysync.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OS lock survives every second look from the same process, which POSIX locks do not by themselves. */
class ProcessFileLockTest {
    @TempDir
    Path dir;

    @Test
    void tryAcquireAndIsHeld_inTheProcessThatHoldsIt_refuseWithoutDroppingTheOsLock() throws Exception {
        Path file = dir.resolve("lock");
        try (ProcessFileLock held = ProcessFileLock.tryAcquire(file)) {
            assertThat(held).isNotNull();

            assertThat(ProcessFileLock.tryAcquire(file)).isNull();
            assertThat(ProcessFileLock.isHeld(file)).isTrue();
            assertThat(ProcessFileLock.tryAcquire(dir.resolve(".").resolve("lock"))).as("the same file by another path").isNull();

            assertThat(otherProcessGetsTheLock(file)).as("another process after those looks").isFalse();
        }
        assertThat(ProcessFileLock.isHeld(file)).isFalse();
        assertThat(otherProcessGetsTheLock(file)).isTrue();
    }

    @Test
    void isHeld_missingFile_isFalseAndCreatesNothing() throws Exception {
        assertThat(ProcessFileLock.isHeld(dir.resolve("none"))).isFalse();
        assertThat(dir.resolve("none")).doesNotExist();
    }

    private static boolean otherProcessGetsTheLock(Path file) throws IOException, InterruptedException {
        Process other = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LockAttemptMain.class.getName(), file.toString())
                .redirectErrorStream(true).start();
        String out = new String(other.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(other.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isIn("locked", "held");
        return out.equals("locked");
    }
}
