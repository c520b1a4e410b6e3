package io.skysync.testing;

import io.skysync.service.PairingStore;

/** The pairing-store contract against the in-memory double. */
class InMemoryPairingStoreTest extends PairingStoreContract {
    private final InMemoryPairingStore memory = new InMemoryPairingStore();

    @Override
    protected PairingStore store() {
        return memory;
    }
}
