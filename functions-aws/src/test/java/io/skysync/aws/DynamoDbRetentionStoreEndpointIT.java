package io.skysync.aws;

/** {@link DynamoDbRetentionStoreIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DynamoDbRetentionStoreEndpointIT extends DynamoDbRetentionStoreIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
