package io.skysync.aws;

/** {@link DynamoDbManifestStoreIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class DynamoDbManifestStoreEndpointIT extends DynamoDbManifestStoreIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
