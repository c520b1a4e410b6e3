package io.skysync.aws;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The Lambda handler end to end against DynamoDB Local and S3Proxy in this JVM. */
class LambdaHandlerIT extends LambdaHandlerScenarios {
    private static AwsTarget target;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected AwsTarget target() {
        return target;
    }
}
