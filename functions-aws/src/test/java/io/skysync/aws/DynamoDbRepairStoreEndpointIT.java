package io.skysync.aws;

/** {@link DynamoDbRepairStoreIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DynamoDbRepairStoreEndpointIT extends DynamoDbRepairStoreIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
