package io.skysync.service;

import java.time.Duration;
import java.util.Objects;

/**
 * What {@link RetentionJob} keeps.
 *
 * @param retention    how long the change log and replaced versions are kept (default 30 days)
 * @param keepVersions versions of each path kept whatever their age, the current one included (default 10)
 * @param blobGrace    how old an unreferenced blob must be before it is marked: room for a slow
 *                     upload-then-commit (default 1 day); not needed for safety, it saves churn
 * @param markAge      how long a mark waits before the blob may be deleted; must exceed the longest
 *                     commit (function time-outs: 30 s on AWS, at most 10 min on Azure) plus clock
 *                     skew (default 1 hour)
 */
public record RetentionPolicy(Duration retention, int keepVersions, Duration blobGrace, Duration markAge) {
    public static final RetentionPolicy DEFAULT =
            new RetentionPolicy(Duration.ofDays(30), 10, Duration.ofDays(1), Duration.ofHours(1));

    public RetentionPolicy {
        Objects.requireNonNull(retention, "retention");
        Objects.requireNonNull(blobGrace, "blobGrace");
        Objects.requireNonNull(markAge, "markAge");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        if (keepVersions < 1) {
            throw new IllegalArgumentException("keepVersions must be >= 1: the current version is always kept");
        }
        if (blobGrace.isNegative() || markAge.compareTo(Duration.ofMinutes(15)) < 0) {
            throw new IllegalArgumentException("blobGrace must be >= 0 and markAge >= 15 minutes (longer than any commit)");
        }
    }

    /** The default policy with another retention, e.g. from {@code SKYSYNC_RETENTION_DAYS}. */
    public static RetentionPolicy ofDays(long days) {
        return new RetentionPolicy(Duration.ofDays(days), DEFAULT.keepVersions, DEFAULT.blobGrace, DEFAULT.markAge);
    }
}
