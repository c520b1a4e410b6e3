package io.skysync.aws;

import io.skysync.service.BlobRecords;
import io.skysync.testing.BlobRecordsContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link BlobRecordsContract} on DynamoDB Local, through the manifest store that keeps them. */
class DynamoDbBlobRecordsIT extends BlobRecordsContract {
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
    protected BlobRecords records() {
        return store;
    }
}
