package io.skysync.aws;

import io.skysync.service.PairingStore;
import io.skysync.testing.PairingStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared pairing-store contract against DynamoDB Local. */
class DynamoDbPairingStoreIT extends PairingStoreContract {
    private static AwsTarget target;
    private static DynamoDbPairingStore store;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        store = new DynamoDbPairingStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected PairingStore store() {
        return store;
    }
}
