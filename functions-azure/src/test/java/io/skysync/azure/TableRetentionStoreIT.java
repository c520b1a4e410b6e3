package io.skysync.azure;

import com.azure.data.tables.TableClient;
import io.skysync.service.ManifestStore;
import io.skysync.service.RetentionStore;
import io.skysync.testing.RetentionStoreContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared retention-store contract against Table Storage (Azurite), over rows the manifest store wrote. */
class TableRetentionStoreIT extends RetentionStoreContract {
    private static TableManifestStore manifest;
    private static TableRetentionStore retention;

    @BeforeAll
    static void startStores() {
        TableClient table = Azurite.newTable("retention");
        manifest = new TableManifestStore(table);
        retention = new TableRetentionStore(table);
    }

    @AfterAll
    static void closeStores() {
        if (manifest != null) {
            manifest.close();
        }
    }

    @Override
    protected ManifestStore manifestStore() {
        return manifest;
    }

    @Override
    protected RetentionStore retentionStore() {
        return retention;
    }
}
