package io.skysync.client.testing;

import io.skysync.api.UploadDto;
import io.skysync.client.transfer.TransferException;
import io.skysync.client.transfer.Transfers;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@link Transfers} in memory, for engine tests with a {@link ScriptedVault}: a download serves
 * whatever bytes the test put under the URL (checked against the expected hash as the real
 * transfers check them), an upload keeps the file's bytes by hash. A URL can be told to fail.
 */
public final class MemoryTransfers implements Transfers {
    public final Map<String, byte[]> served = new ConcurrentHashMap<>();
    public final Map<String, TransferException> failing = new ConcurrentHashMap<>();
    public final Map<ContentHash, byte[]> uploaded = new ConcurrentHashMap<>();
    private final List<String> downloads = Collections.synchronizedList(new ArrayList<>());

    public List<String> downloads() {
        return List.copyOf(downloads);
    }

    @Override
    public void upload(Path source, long size, UploadDto target, ByteCounter progress) throws TransferException {
        TransferException failure = failing.remove(target.url());
        if (failure != null) {
            throw failure;
        }
        try {
            byte[] bytes = Files.readAllBytes(source);
            if (!ContentHash.ofBytes(bytes).hex().equals(target.hash())) {
                throw new TransferException(TransferException.Kind.LOCAL_IO, source.getFileName() + " changed while it was uploaded");
            }
            uploaded.put(new ContentHash(target.hash()), bytes);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO, e.getMessage(), e);
        }
    }

    @Override
    public void download(Presigned url, Path target, ContentHash expected, long size, ByteCounter progress)
            throws TransferException {
        downloads.add(url.url().toString());
        TransferException failure = failing.remove(url.url().toString());
        if (failure != null) {
            throw failure;
        }
        byte[] bytes = served.get(url.url().toString());
        if (bytes == null) {
            throw new TransferException(TransferException.Kind.MISSING, "the storage has no such blob");
        }
        if (!ContentHash.ofBytes(bytes).equals(expected)) {
            throw new TransferException(TransferException.Kind.CHECKSUM, "the downloaded content does not match its SHA-256");
        }
        try {
            Files.write(target, bytes);
        } catch (IOException e) {
            throw new TransferException(TransferException.Kind.LOCAL_IO, e.getMessage(), e);
        }
    }
}
