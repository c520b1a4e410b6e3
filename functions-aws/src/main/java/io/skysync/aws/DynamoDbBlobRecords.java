package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobRecords;
import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The blob records of {@link DynamoDbManifestStore}: one item {@code sk = blob#<sha256>} per blob
 * (kind {@code blob}, {@code size}, {@code at}), read with {@code BatchGetItem}s, written with
 * unconditional puts in {@code TransactWriteItems} of 100 and deleted with {@code BatchWriteItem}s
 * ({@link DynamoDbBatches#putAll} says why). Writes are unconditional: a
 * record only ever says what storage showed (see {@link BlobRecords}).
 */
final class DynamoDbBlobRecords implements BlobRecords {
    static final String PREFIX = "blob#";

    private final DynamoDbBatches batches;
    private final Clock clock;

    DynamoDbBlobRecords(DynamoDbBatches batches, Clock clock) {
        this.batches = Objects.requireNonNull(batches, "batches");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Map<ContentHash, Long> recordedBlobs(VaultId vault, Collection<ContentHash> hashes) {
        List<Map<String, AttributeValue>> keys = new LinkedHashSet<>(hashes).stream().map(h -> key(vault, h)).toList();
        Map<ContentHash, Long> found = new HashMap<>();
        batches.get(keys).forEach(item -> found.put(new ContentHash(item.get("blob").s()), ItemCodec.num(item, "size")));
        return found;
    }

    @Override
    public void recordBlobs(VaultId vault, Map<ContentHash, Long> sizes) {
        String at = clock.instant().toString();
        batches.putAll(sizes.entrySet().stream().map(e -> {
            Map<String, AttributeValue> item = new HashMap<>(key(vault, e.getKey()));
            item.put(ItemCodec.KIND, ItemCodec.s("blob"));
            item.put("blob", ItemCodec.s(e.getKey().hex()));
            item.put("size", ItemCodec.n(e.getValue()));
            item.put("at", ItemCodec.s(at));
            return item;
        }).toList());
    }

    @Override
    public void forgetBlobs(VaultId vault, Collection<ContentHash> hashes) {
        batches.write(new LinkedHashSet<>(hashes).stream().map(h -> WriteRequest.builder()
                .deleteRequest(DeleteRequest.builder().key(key(vault, h)).build()).build()).toList());
    }

    private static Map<String, AttributeValue> key(VaultId vault, ContentHash hash) {
        return ItemCodec.key(vault, PREFIX + hash.hex());
    }
}
