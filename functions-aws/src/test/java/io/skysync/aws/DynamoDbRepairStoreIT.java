package io.skysync.aws;

import io.skysync.service.RepairStore;
import io.skysync.testing.RepairStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link RepairStoreContract} on DynamoDB Local. */
class DynamoDbRepairStoreIT extends RepairStoreContract {
    private static AwsTarget target;
    private static DynamoDbRepairStore repairs;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        repairs = new DynamoDbRepairStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected RepairStore store() {
        return repairs;
    }
}
