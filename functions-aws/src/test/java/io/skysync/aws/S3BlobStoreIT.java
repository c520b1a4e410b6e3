package io.skysync.aws;

/** Presigned URL round trips against S3Proxy in this JVM. */
class S3BlobStoreIT extends S3BlobStoreScenarios {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }
}
