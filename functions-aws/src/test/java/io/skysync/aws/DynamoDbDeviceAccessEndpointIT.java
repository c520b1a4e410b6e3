package io.skysync.aws;

/** {@link DynamoDbDeviceAccessIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DynamoDbDeviceAccessEndpointIT extends DynamoDbDeviceAccessIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
