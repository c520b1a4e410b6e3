package io.skysync.aws;

/** The Lambda handler end to end against the endpoint in SKYSYNC_AWS_ENDPOINT; skipped when it is not set. */
class LambdaHandlerEndpointIT extends LambdaHandlerScenarios {
    @Override
    AwsTarget openTarget() {
        return AwsTarget.endpointIfSet();
    }
}
