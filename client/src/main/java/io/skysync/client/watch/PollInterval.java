package io.skysync.client.watch;

import java.time.Duration;

/**
 * How long to wait before asking the server for changes again: {@code min} right after activity,
 * doubling with every quiet answer up to {@code max}. An idle device costs few requests; a busy
 * conversation between devices stays quick.
 */
final class PollInterval {
    private final Duration min;
    private final Duration max;
    private Duration current;

    PollInterval(Duration min, Duration max) {
        this.min = min;
        this.max = max;
        this.current = min;
    }

    Duration current() {
        return current;
    }

    void activity() {
        current = min;
    }

    void idle() {
        Duration doubled = current.multipliedBy(2);
        current = doubled.compareTo(max) > 0 ? max : doubled;
    }
}
