package io.skysync.azure;

import io.skysync.service.ManifestStore;
import io.skysync.testing.DeviceAccessContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link DeviceAccessContract} against Table Storage (Azurite): revocations and role changes under concurrent plans. */
class TableDeviceAccessIT extends DeviceAccessContract {
    private static TableManifestStore tableStore;

    @BeforeAll
    static void startStore() {
        tableStore = new TableManifestStore(Azurite.newTable("access"));
    }

    @AfterAll
    static void closeStore() {
        if (tableStore != null) {
            tableStore.close();
        }
    }

    @Override
    protected ManifestStore store() {
        return tableStore;
    }
}
