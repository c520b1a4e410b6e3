package io.skysync.emulators;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Thread-safe counts of requests by name; what a test asserts to know what a sync would cost. */
public final class RequestCounter {
    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    public void increment(String name) {
        counts.computeIfAbsent(name, k -> new LongAdder()).increment();
    }

    /** A sorted copy; later requests do not change it. */
    public Map<String, Long> snapshot() {
        Map<String, Long> copy = new TreeMap<>();
        counts.forEach((name, count) -> {
            long value = count.sum();
            if (value > 0) {
                copy.put(name, value);
            }
        });
        return copy;
    }

    public long total() {
        return counts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    public void reset() {
        counts.values().forEach(LongAdder::reset);
    }
}
