package io.skysync.client.watch;

import java.time.Duration;

/** Durations as a log line shows them: {@code 450ms}, {@code 7s}, {@code 2m5s}, {@code 3h2m}. */
public final class Durations {
    private Durations() {
    }

    public static String human(Duration duration) {
        Duration d = duration.abs();
        if (d.toMillis() < 1000) {
            return d.toMillis() + "ms";
        }
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m" + (seconds % 60 == 0 ? "" : seconds % 60 + "s");
        }
        return seconds / 3600 + "h" + (seconds % 3600 / 60 == 0 ? "" : seconds % 3600 / 60 + "m");
    }

    /**
     * Parses {@code 500ms}, {@code 2s}, {@code 10m}, {@code 1h} (a plain number is seconds).
     *
     * @throws IllegalArgumentException with a message for the user
     */
    public static Duration parse(String text) {
        String value = text.strip();
        if (value.isEmpty()) {
            throw new IllegalArgumentException("invalid duration '': use e.g. 500ms, 2s, 10m or 1h");
        }
        try {
            if (value.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(value.substring(0, value.length() - 2)));
            }
            char unit = value.charAt(value.length() - 1);
            String number = Character.isDigit(unit) ? value : value.substring(0, value.length() - 1);
            long n = Long.parseLong(number);
            return switch (unit) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> {
                    if (!Character.isDigit(unit)) {
                        throw new NumberFormatException(value);
                    }
                    yield Duration.ofSeconds(n);
                }
            };
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("invalid duration '" + text + "': use e.g. 500ms, 2s, 10m or 1h");
        }
    }
}
