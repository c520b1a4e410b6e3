package io.skysync.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Presigned URL round trips against the endpoint in SKYSYNC_AWS_ENDPOINT; skipped when it is not set. */
class S3BlobStoreEndpointIT extends S3BlobStoreScenarios {
    private static AwsTarget target;

    @BeforeAll
    static void start() {
        target = AwsTarget.endpointIfSet();
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected AwsTarget target() {
        return AwsTarget.assumeSet(target);
    }
}
