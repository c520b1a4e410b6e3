package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;
import io.skysync.testing.RetentionStoreContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared retention-store contract against DynamoDB Local, over items the manifest store wrote. */
class DynamoDbRetentionStoreIT extends RetentionStoreContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected ManifestStore manifestStore() {
        return new DynamoDbManifestStore(target.get().dynamoDb(), target.get().table);
    }

    @Override
    protected RetentionStore retentionStore() {
        return new DynamoDbRetentionStore(target.get().dynamoDb(), target.get().table);
    }
}
