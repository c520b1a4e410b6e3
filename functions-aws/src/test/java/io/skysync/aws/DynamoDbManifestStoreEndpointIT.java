package io.skysync.aws;

import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared store contract against {@code SKYSYNC_AWS_ENDPOINT}; skipped when it is not set. */
class DynamoDbManifestStoreEndpointIT extends ManifestStoreContract {
    private static AwsTarget target;
    private static DynamoDbManifestStore store;

    @BeforeAll
    static void connect() {
        target = AwsTarget.endpointIfSet();
        store = target == null ? null : new DynamoDbManifestStore(target.dynamoDb(), target.table);
    }

    @AfterAll
    static void cleanUp() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected ManifestStore store() {
        AwsTarget.assumeSet(target);
        return store;
    }
}
