package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;

/**
 * The vault-wide commit sequence. Every committed entry takes the next seq, so seq order is commit
 * order; a client's cursor is the last seq it has applied ({@code 0} before its first sync).
 */
public record Seq(long value) implements Comparable<Seq> {
    public static final Seq ZERO = new Seq(0);

    public Seq {
        if (value < 0) {
            throw new SkysyncException(ErrorCode.INVALID_CURSOR, "invalid cursor " + value + ": must be >= 0");
        }
    }

    public static Seq of(long value) {
        return value == 0 ? ZERO : new Seq(value);
    }

    public Seq plus(long n) {
        return new Seq(value + n);
    }

    @Override
    public int compareTo(Seq other) {
        return Long.compare(value, other.value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
