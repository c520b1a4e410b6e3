package io.skysync.aws;

/** {@link DevicesAndCleanupIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DevicesAndCleanupEndpointIT extends DevicesAndCleanupIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
