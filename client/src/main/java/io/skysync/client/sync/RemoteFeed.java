package io.skysync.client.sync;

import io.skysync.api.ChangesResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.LocalChangeDto;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.remote.RemoteVault;
import io.skysync.domain.ContentHash;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Learns what changed remotely: {@code POST /plan} with the local changes (in chunks of the API's
 * limit), then {@code GET /changes} while there is more. On {@code cursor_expired} it lists the
 * whole manifest with {@code GET /files} and continues from the listing's seq. Entries whose path
 * is invalid or unsafe are refused here and reported; they never reach the planner.
 */
final class RemoteFeed {
    static final int PAGE = 1000;
    private final RemoteVault remote;
    private final Map<VaultPath, ManifestEntry> entries = new HashMap<>();
    private final Map<ContentHash, UploadDto> uploads = new LinkedHashMap<>();
    private final List<String> refused = new ArrayList<>();
    private int calls;
    private boolean complete;
    private long cursor;

    RemoteFeed(RemoteVault remote) {
        this.remote = remote;
    }

    /**
     * @param readOnly use only {@code GET} endpoints (for {@code status}): no plan, no upload URLs
     */
    RemoteView fetch(long startCursor, List<LocalChangeDto> changes, boolean readOnly) {
        cursor = startCursor;
        complete = startCursor == 0;
        try {
            follow(changes, readOnly);
        } catch (SkysyncException e) {
            if (e.code() != ErrorCode.CURSOR_EXPIRED) {
                throw e;
            }
            entries.clear();
            uploads.clear();
            list();
            follow(changes, readOnly);
        }
        return new RemoteView(Map.copyOf(entries), complete, cursor, Map.copyOf(uploads), List.copyOf(refused), calls);
    }

    private void follow(List<LocalChangeDto> changes, boolean readOnly) {
        if (readOnly) {
            page(true);
            return;
        }
        int from = 0;
        do {
            List<LocalChangeDto> chunk = changes.subList(from, Math.min(changes.size(), from + PAGE));
            calls++;
            PlanResponse plan = remote.plan(new PlanRequest(cursor, chunk));
            merge(plan.remoteChanges());
            merge(plan.conflicts());
            for (UploadDto upload : plan.uploads()) {
                uploads.put(new ContentHash(upload.hash()), upload);
            }
            advance(plan.cursor());
            if (plan.hasMore()) {
                page(false);
            }
            from += PAGE;
        } while (from < changes.size());
    }

    /** Pages {@code /changes} from the cursor until the end. */
    private void page(boolean always) {
        boolean more = true;
        while (more) {
            calls++;
            ChangesResponse page = remote.changes(cursor, PAGE);
            merge(page.entries());
            long before = cursor;
            advance(page.cursor());
            more = page.hasMore() && cursor > before;
            if (!always && !more) {
                break;
            }
        }
    }

    private void list() {
        String after = null;
        Long readAt = null;
        do {
            calls++;
            FilesResponse page = remote.files(after, PAGE);
            if (readAt == null) {
                readAt = page.seq();
            }
            merge(page.entries());
            after = page.next();
        } while (after != null);
        complete = true;
        cursor = readAt;
    }

    private void advance(long next) {
        if (next > cursor) {
            cursor = next;
        }
    }

    private void merge(List<EntryDto> dtos) {
        if (dtos == null) {
            return;
        }
        for (EntryDto dto : dtos) {
            ManifestEntry entry;
            try {
                entry = dto.toDomain();
            } catch (SkysyncException | NullPointerException e) {
                refused.add("refused remote path " + printable(dto.path()) + ": " + e.getMessage());
                continue;
            }
            ManifestEntry known = entries.get(entry.path());
            if (known == null || known.seq().compareTo(entry.seq()) <= 0) {
                entries.put(entry.path(), entry);
            }
        }
    }

    private static String printable(String path) {
        if (path == null) {
            return "(none)";
        }
        String clipped = path.length() > 80 ? path.substring(0, 80) + "..." : path;
        return "\"" + clipped.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
