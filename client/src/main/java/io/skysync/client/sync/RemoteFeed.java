package io.skysync.client.sync;

import io.skysync.api.ChangesResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.client.index.RemoteFile;
import io.skysync.client.remote.BadAnswerException;
import io.skysync.client.remote.RemoteVault;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.VaultPath;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Learns what changed remotely: {@code POST /plan} with the cursor (it also records this device's
 * last-seen time and cursor), then {@code GET /changes} while there is more. On
 * {@code cursor_expired} it lists the whole manifest with {@code GET /files} and continues from
 * the listing's seq. Entries whose path is invalid or unsafe are refused here and reported; they
 * never reach the planner. An answer that does not move forward (a cursor that stays, a listing
 * page that does not advance) is a bad answer, never a reason to loop.
 */
final class RemoteFeed {
    static final int PAGE = 1000;
    private final RemoteVault remote;
    private final Map<VaultPath, ManifestEntry> entries = new HashMap<>();
    private final List<UploadDto> repairs = new ArrayList<>();
    private final List<String> refused = new ArrayList<>();
    private int calls;
    private boolean complete;
    private long cursor;

    RemoteFeed(RemoteVault remote) {
        this.remote = remote;
    }

    /** What the remote side looks like from {@code startCursor}. */
    Feed fetch(long startCursor, boolean readOnly) {
        cursor = startCursor;
        complete = startCursor == 0;
        try {
            follow(readOnly);
        } catch (SkysyncException e) {
            if (e.code() != ErrorCode.CURSOR_EXPIRED) {
                throw e;
            }
            entries.clear();
            list();
            follow(readOnly);
        }
        Map<VaultPath, RemoteFile> states = new HashMap<>();
        entries.forEach((path, entry) -> states.put(path, RemoteFile.of(entry)));
        return new Feed(states, complete, cursor, List.copyOf(repairs), List.copyOf(refused), calls);
    }

    /** The feed's answer, before histories are read. */
    record Feed(Map<VaultPath, RemoteFile> entries, boolean complete, long cursor, List<UploadDto> repairs,
                List<String> refused, int apiCalls) {
    }

    /** {@code status} uses only {@code GET} endpoints: no plan, so nothing is recorded about the device. */
    private void follow(boolean readOnly) {
        if (readOnly) {
            page();
            return;
        }
        calls++;
        PlanResponse plan = remote.plan(new PlanRequest(cursor, List.of()));
        merge(plan.remoteChanges());
        if (plan.repairs() != null) {
            plan.repairs().stream().filter(Objects::nonNull).forEach(repairs::add);
        }
        advance(plan.cursor());
        if (plan.hasMore()) {
            page();
        }
    }

    /** Pages {@code /changes} from the cursor until the end. */
    private void page() {
        boolean more = true;
        while (more) {
            calls++;
            ChangesResponse page = remote.changes(cursor, PAGE);
            merge(page.entries());
            long before = cursor;
            advance(page.cursor());
            more = page.hasMore() && cursor > before;
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
            String next = page.next();
            if (next != null && after != null && next.compareTo(after) <= 0) {
                throw new BadAnswerException("the server's file listing went back to \"" + printable(next)
                        + "\" after \"" + printable(after) + "\"; nothing was changed");
            }
            after = next;
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
            ManifestEntry entry = Entries.parse(dto, refused);
            if (entry == null) {
                continue;
            }
            ManifestEntry known = entries.get(entry.path());
            if (known == null || known.seq().compareTo(entry.seq()) <= 0) {
                entries.put(entry.path(), entry);
            }
        }
    }

    private static String printable(String path) {
        return Entries.printable(path);
    }
}
