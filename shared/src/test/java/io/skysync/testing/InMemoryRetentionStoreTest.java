package io.skysync.testing;

import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;

/** The retention-store contract against the in-memory doubles. */
class InMemoryRetentionStoreTest extends RetentionStoreContract {
    private final InMemoryManifestStore memory = new InMemoryManifestStore();
    private final InMemoryRetentionStore retention = new InMemoryRetentionStore(memory);

    @Override
    protected ManifestStore manifestStore() {
        return memory;
    }

    @Override
    protected RetentionStore retentionStore() {
        return retention;
    }
}
