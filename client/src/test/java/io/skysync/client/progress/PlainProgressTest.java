package io.skysync.client.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Plain progress for pipes and logs, on a clock the test moves. */
class PlainProgressTest {
    private static final long MIB = 1024 * 1024;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong now = new AtomicLong();
    private final PlainProgress progress = new PlainProgress(new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8), now::get);

    private void advance(Duration by) {
        now.addAndGet(by.toNanos());
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void longUpload_aLineEveryTenSeconds_withFilesBytesRateAndEta() {
        progress.phase("upload", 4, 100 * MIB);
        advance(Duration.ofSeconds(5));
        progress.bytes(20 * MIB);
        assertThat(err()).as("nothing before ten seconds").isEmpty();

        advance(Duration.ofSeconds(5));
        progress.bytes(20 * MIB);
        progress.transferred();

        assertThat(err()).isEqualTo("upload: 0/4 files, 40.0/100.0 MiB, 4.0 MiB/s, about 15s left\n");
        progress.transferred();
        assertThat(err().lines()).as("the next line waits ten seconds more").hasSize(1);
        advance(Duration.ofSeconds(10));
        progress.bytes(60 * MIB);
        assertThat(err().lines()).last().isEqualTo("upload: 2/4 files, 100.0/100.0 MiB, 5.0 MiB/s");
    }

    @Test
    void files_areOnePlainLineEach_onStandardOutput() {
        progress.file("uploaded", "notes/a.txt");
        progress.file("deleted", "b.txt");
        progress.warn("skipped c.txt: changed while it was read");

        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("uploaded notes/a.txt\ndeleted b.txt\n");
        assertThat(err()).isEqualTo("warning: skipped c.txt: changed while it was read\n");
    }

    @Test
    void phaseWithoutTotals_orEnded_printsNoProgress() {
        progress.phase("scan", 0, 0);
        advance(Duration.ofMinutes(1));
        progress.bytes(MIB);
        progress.phase("download", 1, MIB);
        progress.done();
        advance(Duration.ofMinutes(1));
        progress.bytes(MIB);

        assertThat(err()).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({"0, 0s", "59, 59s", "60, 1m00s", "185, 3m05s", "3600, 1h00m", "7620, 2h07m"})
    void human_seconds(long seconds, String expected) {
        assertThat(ProgressLine.human(seconds)).isEqualTo(expected);
    }

    @Test
    void line_oneFileWithoutBytes_hasNoRate() {
        assertThat(ProgressLine.of("commit", 1, 1, 0, 0, Duration.ofSeconds(3))).isEqualTo("commit: 1/1 file");
    }
}
