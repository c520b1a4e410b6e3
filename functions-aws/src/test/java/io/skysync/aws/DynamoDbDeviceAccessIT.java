package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.testing.DeviceAccessContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link DeviceAccessContract} against DynamoDB Local: revocations and role changes under concurrent plans. */
class DynamoDbDeviceAccessIT extends DeviceAccessContract {
    private static AwsTarget target;
    private static DynamoDbManifestStore store;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        store = new DynamoDbManifestStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected ManifestStore store() {
        return store;
    }
}
