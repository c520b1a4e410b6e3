package io.skysync.client.sync;

import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Whether a local file may be replaced or removed by a command the user ran (restore, resolve)
 * without losing anything: it is gone, or it holds exactly the content this device last synced
 * (so the vault keeps it). A file edited since its last sync is never weighed as safe.
 */
public final class SyncedContent {
    private SyncedContent() {
    }

    /** True if nothing would be lost by replacing or removing {@code file}, whose index row is {@code row}. */
    public static boolean safeToReplace(Path file, IndexRow row) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException gone) {
            return true;
        }
        ContentHash synced = row == null ? null : row.synced().content();
        if (synced == null || !attrs.isRegularFile()) {
            return false;
        }
        String key = attrs.fileKey() == null ? null : attrs.fileKey().toString();
        boolean asScanned = row.local() != null && Objects.equals(row.localHash(), synced)
                && row.local().sameStat(attrs.size(), attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS), key);
        return asScanned || synced.equals(ParallelHasher.sha256(file));
    }
}
