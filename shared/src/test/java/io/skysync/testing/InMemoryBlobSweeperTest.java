package io.skysync.testing;

import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import java.time.Clock;

/** The blob-sweeper contract against the in-memory blob store. */
class InMemoryBlobSweeperTest extends BlobSweeperContract {
    private final InMemoryBlobStore memory = new InMemoryBlobStore(Clock.systemUTC());

    @Override
    protected BlobSweeper sweeper() {
        return memory;
    }

    @Override
    protected void upload(VaultId vault, byte[] content) {
        memory.put(vault, content);
    }
}
