package io.skysync.azure;

import io.skysync.service.PairingStore;
import io.skysync.testing.PairingStoreContract;
import org.junit.jupiter.api.BeforeAll;

/** The shared pairing-store contract against Table Storage (Azurite). */
class TablePairingStoreIT extends PairingStoreContract {
    private static TablePairingStore tableStore;

    @BeforeAll
    static void startStore() {
        tableStore = new TablePairingStore(Azurite.newTable("pairing"));
    }

    @Override
    protected PairingStore store() {
        return tableStore;
    }
}
