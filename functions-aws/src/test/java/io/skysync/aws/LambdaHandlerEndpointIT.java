package io.skysync.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Lambda handler end to end against the endpoint in SKYSYNC_AWS_ENDPOINT; skipped when it is not set. */
class LambdaHandlerEndpointIT extends LambdaHandlerScenarios {
    private static AwsTarget target;

    @BeforeAll
    static void start() {
        target = AwsTarget.endpointIfSet();
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected AwsTarget target() {
        return AwsTarget.assumeSet(target);
    }
}
