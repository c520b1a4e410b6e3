package io.skysync.testing;

import io.skysync.service.RepairStore;

/** {@link RepairStoreContract} on the in-memory store. */
class InMemoryRepairStoreTest extends RepairStoreContract {
    private final InMemoryRepairStore memory = new InMemoryRepairStore();

    @Override
    protected RepairStore store() {
        return memory;
    }
}
