package io.skysync.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A suite run against one {@link AwsTarget} for the whole class: opened before the first test,
 * closed (table and bucket of an endpoint deleted) after the last. A subclass only says which
 * target; when that is an unset endpoint, every test is reported as skipped, one by one.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class AwsTargetSuite {
    private AwsTarget target;

    /** {@link AwsTarget#emulators()}, or {@link AwsTarget#endpointIfSet()} (null when it is not set). */
    protected abstract AwsTarget openTarget();

    @BeforeAll
    final void openTargetOnce() {
        target = openTarget();
    }

    @AfterAll
    final void closeTarget() {
        if (target != null) {
            target.close();
        }
    }

    protected final AwsTarget target() {
        return AwsTarget.assumeSet(target);
    }
}
