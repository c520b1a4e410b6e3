package io.skysync.aws;

/** {@link DynamoDbPairingStoreIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DynamoDbPairingStoreEndpointIT extends DynamoDbPairingStoreIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
