package io.skysync.aws;

import io.skysync.service.RepairStore;
import io.skysync.testing.RepairStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link RepairStoreContract} on DynamoDB Local. */
class DynamoDbRepairStoreIT extends RepairStoreContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected RepairStore store() {
        return new DynamoDbRepairStore(target.get().dynamoDb(), target.get().table);
    }
}
