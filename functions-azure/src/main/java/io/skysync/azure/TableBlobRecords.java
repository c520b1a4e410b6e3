package io.skysync.azure;

import com.azure.core.http.rest.PagedIterable;
import com.azure.core.http.rest.PagedResponse;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.models.ListEntitiesOptions;
import com.azure.data.tables.models.TableEntity;
import com.azure.data.tables.models.TableServiceException;
import com.azure.data.tables.models.TableTransactionAction;
import com.azure.data.tables.models.TableTransactionActionType;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRecords;
import io.skysync.service.PrefixLookup;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;

/**
 * The blob records of {@link TableManifestStore}: one row {@code blob#<sha256>} (RowKey
 * {@code blob$00<sha256>}, the {@link RowKeys} encoding) per blob, with {@code blob}, {@code size}
 * and {@code at}, in the vault's partition. Table Storage has no batch read, so many records are
 * found with {@link PrefixLookup}: point reads (a few at a time) for a few, range queries of a hash
 * prefix for many. Records are written in entity-group transactions of 100 upserts, and deleted
 * one by one (a transaction fails whole on a row that is not there).
 */
final class TableBlobRecords implements BlobRecords {
    static final String PREFIX = RowKeys.encode("blob#");
    /** A range query's largest page. */
    static final int PAGE = 1000;

    private final TableClient table;
    private final TableRows rows;
    private final ExecutorService reads;
    private final BiConsumer<VaultId, List<TableTransactionAction>> submit;
    private final Clock clock;
    private final int page;

    /**
     * @param submit runs one transaction of the vault's partition (checked to stay in it)
     * @param page   rows per range-query page (tests use small pages to list several)
     */
    TableBlobRecords(TableClient table, TableRows rows, ExecutorService reads,
                     BiConsumer<VaultId, List<TableTransactionAction>> submit, Clock clock, int page) {
        this.page = page;
        this.table = Objects.requireNonNull(table, "table");
        this.rows = Objects.requireNonNull(rows, "rows");
        this.reads = Objects.requireNonNull(reads, "reads");
        this.submit = Objects.requireNonNull(submit, "submit");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        return new PrefixLookup<>(new Listing(vault), page, PrefixLookup.TABLE_PAGE_COST).find(hashes);
    }

    @Override
    public void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        String at = clock.instant().toString();
        List<TableTransactionAction> actions = new ArrayList<>();
        for (Map.Entry<ContentHash, Long> record : sizes.entrySet()) {
            TableEntity row = new TableEntity(vault.value(), PREFIX + record.getKey().hex())
                    .addProperty("blob", record.getKey().hex())
                    .addProperty("size", record.getValue())
                    .addProperty("at", at);
            actions.add(new TableTransactionAction(TableTransactionActionType.UPSERT_REPLACE, row));
            if (actions.size() == TableManifestStore.MAX_ENTITIES_PER_TRANSACTION) {
                submit.accept(vault, actions);
                actions = new ArrayList<>();
            }
        }
        if (!actions.isEmpty()) {
            submit.accept(vault, actions);
        }
    }

    @Override
    public void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        for (ContentHash hash : new LinkedHashSet<>(hashes)) {
            try {
                table.deleteEntity(vault.value(), PREFIX + hash.hex());
            } catch (TableServiceException e) {
                if (!TableStatus.is(e, TableStatus.NOT_FOUND)) {
                    throw e;
                }
            }
        }
    }

    private static long size(TableEntity row) {
        return ((Number) row.getProperty("size")).longValue();
    }

    /** The vault's record rows, as {@link PrefixLookup} asks for them. */
    private final class Listing implements PrefixLookup.Source<Long> {
        private final VaultId vault;

        Listing(VaultId vault) {
            this.vault = vault;
        }

        @Override
        public Map<ContentHash, Long> lookup(Collection<ContentHash> hashes) {
            Map<ContentHash, CompletableFuture<Optional<TableEntity>>> pending = new LinkedHashMap<>();
            for (ContentHash hash : hashes) {
                pending.put(hash, CompletableFuture.supplyAsync(() -> rows.read(vault, PREFIX + hash.hex()), reads));
            }
            Map<ContentHash, Long> found = new HashMap<>();
            pending.forEach((hash, row) -> row.join().ifPresent(r -> found.put(hash, size(r))));
            return found;
        }

        @Override
        public PrefixLookup.Page<Long> page(String hexPrefix, String continuation) {
            // 'g' follows every hex digit, so the range holds exactly the hashes with the prefix.
            ListEntitiesOptions options = new ListEntitiesOptions().setTop(page).setSelect(List.of("blob", "size"));
            PagedIterable<TableEntity> range = rows.range(vault, PREFIX + hexPrefix, PREFIX + hexPrefix + "g", options);
            // The SDK takes a null continuation for "no more pages", not for "from the start".
            PagedResponse<TableEntity> page = (continuation == null ? range.iterableByPage()
                    : range.iterableByPage(continuation)).iterator().next();
            Map<ContentHash, Long> found = new HashMap<>();
            page.getValue().forEach(row -> ContentHash.parse((String) row.getProperty("blob"))
                    .ifPresent(h -> found.put(h, size(row))));
            return new PrefixLookup.Page<>(found, page.getContinuationToken());
        }
    }
}
