package io.skysync.client.sync;

import io.skysync.client.testing.FakeBackend;
import io.skysync.content.ChunkParams;
import java.io.IOException;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@link TwoDevices} on a backend whose single-upload limit is the largest chunk, so every file
 * above the chunking threshold syncs as chunks (this start hides {@link TwoDevices#startBackend()}).
 */
abstract class TwoChunkingDevices extends TwoDevices {
    @BeforeAll
    static void startBackend() throws IOException {
        backend = FakeBackend.start(ChunkParams.MAX_CHUNK);
    }
}
