package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.testing.DeviceAccessContract;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@link DeviceAccessContract} against DynamoDB Local: revocations and role changes under concurrent plans. */
class DynamoDbDeviceAccessIT extends DeviceAccessContract {
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
