package io.skysync.azure;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.skysync.emulators.AzuriteEmulator;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Azurite for every integration test of this JVM (its start costs seconds; each test uses
 * tables and containers of its own). Missing Azurite fails the test in CI ({@code CI=true}) and
 * skips it elsewhere, both with the command that installs it.
 */
final class Azurite {
    private static final AtomicLong NAMES = new AtomicLong();

    private Azurite() {
    }

    static AzuriteEmulator shared() {
        if (AzuriteEmulator.locate().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(AzuriteEmulator.notInstalledMessage());
            }
            abort(AzuriteEmulator.notInstalledMessage());
        }
        return Holder.AZURITE;
    }

    /** A fresh table in the shared Azurite. */
    static TableClient newTable(String prefix) {
        TableClient table = new TableClientBuilder().connectionString(shared().connectionString())
                .httpClient(AzureComposition.httpClient()).tableName(uniqueName(prefix)).buildClient();
        table.createTable();
        return table;
    }

    /** A fresh container in the shared Azurite. */
    static BlobContainerClient newContainer(String prefix) {
        BlobContainerClient container = new BlobServiceClientBuilder().connectionString(shared().connectionString())
                .httpClient(AzureComposition.httpClient()).buildClient()
                .getBlobContainerClient(uniqueName(prefix).toLowerCase(Locale.ROOT));
        container.create();
        return container;
    }

    private static String uniqueName(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36).replaceAll("[^a-z0-9]", "") + NAMES.incrementAndGet();
    }

    private static final class Holder {
        // Stopped by the emulator's own shutdown hook when the test JVM exits.
        private static final AzuriteEmulator AZURITE = AzuriteEmulator.start(null);
    }
}
