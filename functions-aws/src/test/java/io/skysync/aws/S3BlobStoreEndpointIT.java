package io.skysync.aws;

/** Presigned URL round trips against the endpoint in SKYSYNC_AWS_ENDPOINT; skipped when it is not set. */
class S3BlobStoreEndpointIT extends S3BlobStoreScenarios {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
