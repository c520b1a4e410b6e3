package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared store contract, unchanged, against DynamoDB Local (one emulator for the class). */
class DynamoDbManifestStoreIT extends ManifestStoreContract {
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
