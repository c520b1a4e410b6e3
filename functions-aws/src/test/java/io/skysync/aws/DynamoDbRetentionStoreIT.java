package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;
import io.skysync.testing.RetentionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared retention-store contract against DynamoDB Local, over items the manifest store wrote. */
class DynamoDbRetentionStoreIT extends RetentionStoreContract {
    private static AwsTarget target;
    private static DynamoDbManifestStore manifest;
    private static DynamoDbRetentionStore retention;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        manifest = new DynamoDbManifestStore(target.dynamoDb(), target.table);
        retention = new DynamoDbRetentionStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected ManifestStore manifestStore() {
        return manifest;
    }

    @Override
    protected RetentionStore retentionStore() {
        return retention;
    }
}
