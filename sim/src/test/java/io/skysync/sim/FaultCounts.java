package io.skysync.sim;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/** How many faults of each kind were injected; shared by the histories of a run (thread-safe). */
public final class FaultCounts {
    private final Map<FaultKind, LongAdder> counts = new EnumMap<>(FaultKind.class);
    /** Not a fault: versions the server kept as chunks (a recipe), so a run shows chunked files were simulated. */
    private final LongAdder chunkedVersions = new LongAdder();

    public FaultCounts() {
        for (FaultKind kind : FaultKind.values()) {
            counts.put(kind, new LongAdder());
        }
    }

    public void add(FaultKind kind) {
        counts.get(kind).increment();
    }

    public long get(FaultKind kind) {
        return counts.get(kind).sum();
    }

    public void addChunkedVersions(long n) {
        chunkedVersions.add(n);
    }

    public long chunkedVersions() {
        return chunkedVersions.sum();
    }

    public void addAll(FaultCounts other) {
        chunkedVersions.add(other.chunkedVersions());
        for (FaultKind kind : FaultKind.values()) {
            counts.get(kind).add(other.get(kind));
        }
    }

    /** {@code crash=12, lost_response=40, ...} in enum order. */
    public String summary() {
        StringBuilder out = new StringBuilder();
        for (FaultKind kind : FaultKind.values()) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(kind.name().toLowerCase(Locale.ROOT)).append('=').append(get(kind));
        }
        return out.append("; chunked versions kept: ").append(chunkedVersions()).toString();
    }
}
