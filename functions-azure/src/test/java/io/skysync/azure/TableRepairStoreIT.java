package io.skysync.azure;

import io.skysync.service.RepairStore;
import io.skysync.testing.RepairStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** {@link RepairStoreContract} on Table Storage (Azurite). */
class TableRepairStoreIT extends RepairStoreContract {
    private static TableRepairStore repairs;

    @BeforeAll
    static void start() {
        repairs = new TableRepairStore(Azurite.newTable("repairs"));
    }

    @Override
    protected RepairStore store() {
        return repairs;
    }
}
