package io.skysync.aws;

/** The Lambda handler end to end against DynamoDB Local and S3Proxy in this JVM. */
class LambdaHandlerIT extends LambdaHandlerScenarios {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }
}
