package io.skysync.aws;

/** {@link S3BlobSweeperIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class S3BlobSweeperEndpointIT extends S3BlobSweeperIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
