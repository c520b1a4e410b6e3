package io.skysync.testing;

import io.skysync.service.BlobAudit;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import java.time.Clock;
import java.util.Optional;

/** {@link BlobAuditContract} on the in-memory store with Azure's create-only uploads. */
class InMemoryBlobAuditTest extends BlobAuditContract {
    private final InMemoryBlobStore memory = InMemoryBlobStore.createOnly(Clock.systemUTC());

    @Override
    protected BlobAudit audit() {
        return memory;
    }

    @Override
    protected void putRaw(BlobRef ref, byte[] bytes) {
        memory.putRaw(ref, bytes);
    }

    @Override
    protected Optional<byte[]> read(BlobRef ref) {
        return memory.get(ref);
    }

    @Override
    protected void upload(UploadTicket ticket, byte[] body) {
        memory.upload(ticket, body);
    }
}
