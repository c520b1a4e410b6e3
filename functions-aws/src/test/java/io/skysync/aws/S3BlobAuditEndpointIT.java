package io.skysync.aws;

/** {@link S3BlobAuditIT} against {@code SKYSYNC_AWS_ENDPOINT}; each test is skipped when it is not set. */
class S3BlobAuditEndpointIT extends S3BlobAuditIT {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
