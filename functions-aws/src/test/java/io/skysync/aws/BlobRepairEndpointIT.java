package io.skysync.aws;

/** {@link BlobRepairIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class BlobRepairEndpointIT extends BlobRepairIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
