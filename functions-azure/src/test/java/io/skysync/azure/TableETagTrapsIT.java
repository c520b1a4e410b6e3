package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.rest.Response;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableEntityUpdateMode;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import com.azure.data.tables.models.TableTransactionFailedException;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The two ETag traps of the Tables SDK, shown against Azurite, and how the store avoids them:
 * a conditional update of an entity without an ETag is silently unconditional, and the ETag of a
 * write response lacks its closing quote. Also: Azurite accepts what Azure refuses (a transaction
 * over two partitions), so the store refuses it itself.
 */
class TableETagTrapsIT {
    private static TableClient table;

    @BeforeAll
    static void table() {
        table = Azurite.newTable("etags");
    }

    @Test
    void updateIfUnchanged_entityWithoutETag_silentlyOverwritesAStaleWrite_soTheStoreRefusesIt() {
        table.createEntity(row("p", "trap1", 1));
        table.updateEntity(row("p", "trap1", 2)); // someone else's write

        // Trap: the caller meant "only if unchanged", but a fresh entity has no ETag: the SDK sends
        // If-Match: * and the stale write wins.
        table.updateEntityWithResponse(row("p", "trap1", 99), TableEntityUpdateMode.REPLACE, true, null, null);
        assertThat(table.getEntity("p", "trap1").getProperty("n")).isEqualTo(99);

        assertThatThrownBy(() -> ManifestEntities.withETag(row("p", "trap1", 3), null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unconditionally");
    }

    @Test
    void updateIfUnchanged_etagReadWithTheRow_refusesAStaleWrite() {
        table.createEntity(row("p", "fresh", 1));
        String readETag = table.getEntity("p", "fresh").getETag();
        table.updateEntity(row("p", "fresh", 2));

        TableEntity stale = ManifestEntities.withETag(row("p", "fresh", 3), readETag);

        assertThatThrownBy(() -> table.updateEntityWithResponse(stale, TableEntityUpdateMode.REPLACE, true, null, null))
                .isInstanceOfSatisfying(TableServiceException.class,
                        e -> assertThat(e.getResponse().getStatusCode()).isEqualTo(412));
        assertThatThrownBy(() -> table.submitTransaction(List.of(
                new TableTransactionAction(TableTransactionActionType.UPDATE_REPLACE, stale, true))))
                .isInstanceOf(TableTransactionFailedException.class);
        assertThat(table.getEntity("p", "fresh").getProperty("n")).isEqualTo(2);
    }

    @Test
    void writeResponseETag_lacksItsClosingQuote_andMatchesOnlyOnceRepaired() {
        Response<Void> created = table.createEntityWithResponse(row("p", "quote", 1), null, null);
        String written = created.getHeaders().getValue(HttpHeaderName.ETAG);
        String read = table.getEntity("p", "quote").getETag();

        assertThat(written).as("the write response's ETag").isNotEqualTo(read);
        assertThat(ETags.repair(written)).as("repaired").isEqualTo(read);
        assertThat(ETags.repair(read)).as("a good ETag is left alone").isEqualTo(read);
        TableEntity update = ManifestEntities.withETag(row("p", "quote", 2), written);
        table.updateEntityWithResponse(update, TableEntityUpdateMode.REPLACE, true, null, null);
        assertThat(table.getEntity("p", "quote").getProperty("n")).isEqualTo(2);
    }

    @Test
    void transactionOverTwoPartitions_azuriteAcceptsIt_theStoreRefusesIt() {
        List<TableTransactionAction> twoPartitions = List.of(
                new TableTransactionAction(TableTransactionActionType.CREATE, row("a", "x", 1)),
                new TableTransactionAction(TableTransactionActionType.CREATE, row("b", "x", 1)));

        table.submitTransaction(twoPartitions); // Azure would answer 400; Azurite stores both
        assertThat(table.getEntity("b", "x").getProperty("n")).isEqualTo(1);

        assertThatThrownBy(() -> TableManifestStore.checkOnePartition("a", twoPartitions))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partition a");
    }

    private static TableEntity row(String partition, String rowKey, int n) {
        return new TableEntity(partition, rowKey).addProperty("n", n);
    }
}
