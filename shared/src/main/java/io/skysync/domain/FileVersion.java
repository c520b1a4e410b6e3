package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;

/**
 * A file's version in the manifest. {@code 0} means "no entry yet" (the base of a create); the first
 * write makes version 1 and every later change, a deletion included, adds one.
 */
public record FileVersion(long value) implements Comparable<FileVersion> {
    public static final FileVersion NONE = new FileVersion(0);

    public FileVersion {
        if (value < 0) {
            throw new SkysyncException(ErrorCode.INVALID_VERSION, "invalid version " + value + ": must be >= 0");
        }
    }

    public static FileVersion of(long value) {
        return value == 0 ? NONE : new FileVersion(value);
    }

    public FileVersion next() {
        return new FileVersion(value + 1);
    }

    public boolean isNone() {
        return value == 0;
    }

    @Override
    public int compareTo(FileVersion other) {
        return Long.compare(value, other.value);
    }

    // Written out: a record's generated equals links a method handle chain on its first call (a
    // no-op sync's start) and runs through it until the JIT compiles it (docs/performance.md).
    @Override
    public boolean equals(Object other) {
        return other instanceof FileVersion version && version.value == value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
