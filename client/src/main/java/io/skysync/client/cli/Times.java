package io.skysync.client.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Times as people read them in a terminal: UTC to the second, and "5 min ago". */
final class Times {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String stamp(String iso) {
        try {
            return STAMP.format(Instant.parse(iso));
        } catch (RuntimeException e) {
            return iso;
        }
    }

    static String clock(Instant instant) {
        return CLOCK.format(instant);
    }

    static String ago(String iso, Instant now) {
        Instant then;
        try {
            then = Instant.parse(iso);
        } catch (RuntimeException e) {
            return iso;
        }
        long seconds = Math.max(0, Duration.between(then, now).getSeconds());
        if (seconds < 60) {
            return "just now";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 2 * 86400) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " days ago";
    }
}
