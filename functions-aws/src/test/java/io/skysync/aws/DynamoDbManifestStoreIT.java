package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared store contract, unchanged, against DynamoDB Local (one emulator for the class). */
class DynamoDbManifestStoreIT extends ManifestStoreContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected ManifestStore store() {
        return new DynamoDbManifestStore(target.get().dynamoDb(), target.get().table);
    }
}
