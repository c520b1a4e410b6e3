package io.skysync.client.sync;

import io.skysync.api.UploadDto;
import io.skysync.client.index.IndexRow;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.ContentHash;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Content the vault lost (it removed a blob whose bytes did not match its hash) and asks any
 * device holding it to send again: this device sends it from a local file that is synced with
 * that content and unchanged since the scan. The upload is hashed as it streams, so only the right
 * bytes are stored. A failure is a warning: the commits of this run do not depend on it.
 */
final class Repairs {
    private Repairs() {
    }

    static void upload(RemoteView view, RunLedger ledger, BlobUploads uploads) {
        if (view.repairs().isEmpty()) {
            return;
        }
        Map<ContentHash, LocalFile> holders = new LinkedHashMap<>();
        Map<ContentHash, UploadDto> urls = new LinkedHashMap<>();
        for (UploadDto repair : view.repairs()) {
            if (!ContentHash.isValid(repair.hash()) || repair.url() == null) {
                continue;
            }
            ContentHash hash = new ContentHash(repair.hash());
            LocalFile holder = syncedHolder(hash, ledger);
            if (holder != null) {
                holders.putIfAbsent(hash, holder);
                urls.putIfAbsent(hash, repair);
            }
        }
        BlobUploads.Sent sent = uploads.sendTo(holders, urls);
        ledger.report.blobsRepaired(sent.uploaded().size());
        sent.failed().forEach((hash, reason) -> ledger.report.warning("could not send again the content "
                + hash.shortHex() + " the vault lost: " + reason));
    }

    private static LocalFile syncedHolder(ContentHash hash, RunLedger ledger) {
        for (LocalFile file : ledger.local().values()) {
            IndexRow row = ledger.book.row(file.path());
            if (file.hash().equals(hash) && hash.equals(row.synced().content())) {
                return file;
            }
        }
        return null;
    }
}
