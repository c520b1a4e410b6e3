package io.skysync.client.progress;

import java.time.Duration;
import java.util.Locale;

/** One plain progress line: {@code upload: 3/10 files, 40.0/100.0 MiB, 4.0 MiB/s, about 15s left}. */
final class ProgressLine {
    private static final double MIB = 1024.0 * 1024.0;

    private ProgressLine() {
    }

    static String of(String phase, long files, long totalFiles, long bytes, long totalBytes, Duration elapsed) {
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        double rate = bytes / seconds;
        StringBuilder line = new StringBuilder(phase).append(": ")
                .append(files).append('/').append(totalFiles).append(totalFiles == 1 ? " file" : " files");
        if (totalBytes > 0) {
            line.append(String.format(Locale.ROOT, ", %.1f/%.1f MiB, %.1f MiB/s", bytes / MIB, totalBytes / MIB, rate / MIB));
            if (rate > 0 && bytes < totalBytes) {
                line.append(", about ").append(human(Math.round((totalBytes - bytes) / rate))).append(" left");
            }
        }
        return line.toString();
    }

    /** 42s, 3m05s, 2h07m. */
    static String human(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
    }
}
