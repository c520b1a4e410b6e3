package io.skysync.azure;

import io.skysync.service.ManifestStore;
import io.skysync.testing.ManifestStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared store contract, unchanged, against Table Storage (Azurite). */
class TableManifestStoreIT extends ManifestStoreContract {
    private static TableManifestStore tableStore;

    @BeforeAll
    static void startStore() {
        tableStore = new TableManifestStore(Azurite.newTable("contract"));
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
