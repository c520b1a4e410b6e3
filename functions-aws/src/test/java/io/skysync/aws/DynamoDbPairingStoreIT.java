package io.skysync.aws;

import io.skysync.service.PairingStore;
import io.skysync.testing.PairingStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared pairing-store contract against DynamoDB Local. */
class DynamoDbPairingStoreIT extends PairingStoreContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected PairingStore store() {
        return new DynamoDbPairingStore(target.get().dynamoDb(), target.get().table);
    }
}
