package io.skysync.testing;

import io.skysync.service.BlobRecords;

/** {@link BlobRecordsContract} on the in-memory manifest's records. */
class InMemoryBlobRecordsTest extends BlobRecordsContract {
    private final InMemoryManifestStore memory = new InMemoryManifestStore();

    @Override
    protected BlobRecords records() {
        return memory;
    }
}
