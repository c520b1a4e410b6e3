package io.skysync.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Presigned URL round trips against S3Proxy in this JVM. */
class S3BlobStoreIT extends S3BlobStoreScenarios {
    private static AwsTarget target;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected AwsTarget target() {
        return target;
    }
}
