package io.skysync.client.e2e;

/** The end-to-end suite on the AWS flavour of the local backend (DynamoDB Local + S3Proxy). */
class AwsCliEndToEndIT extends CliEndToEndContract {
    @Override
    String flavour() {
        return "aws";
    }
}
