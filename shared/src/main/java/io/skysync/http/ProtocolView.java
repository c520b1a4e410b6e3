package io.skysync.http;

import io.skysync.api.ChangesResponse;
import io.skysync.api.CommitResponse;
import io.skysync.api.CommitResultDto;
import io.skysync.api.EntryDto;
import io.skysync.api.FilesResponse;
import io.skysync.api.HistoryResponse;
import io.skysync.api.PlanResponse;
import io.skysync.api.TrashResponse;
import java.util.List;

/**
 * What a client of an older protocol is shown. Clients since folders and metadata send
 * {@value #HEADER}: {@value #CURRENT}; a client without it (protocol 1) reads answers strictly and
 * knows neither folder entries nor the executable bit, so it is answered without them: folder
 * entries are left out (it never synced folders; files still imply theirs) and the bit is dropped
 * (its commits, which omit the bit, keep the stored one). Cursors and pages are untouched, so
 * leaving an entry out never skips a file's change.
 */
final class ProtocolView {
    static final String HEADER = "Skysync-Protocol";
    static final int CURRENT = 2;

    private ProtocolView() {
    }

    /** True for a request from a client that predates folders and metadata. */
    static boolean legacy(ApiRequest request) {
        String value = request.header(HEADER);
        if (value == null) {
            return true;
        }
        try {
            return Integer.parseInt(value.trim()) < CURRENT;
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** {@code body} as {@code request}'s client may see it. */
    static Object answer(ApiRequest request, Object body) {
        return legacy(request) ? legacyView(body) : body;
    }

    private static Object legacyView(Object body) {
        if (body instanceof ChangesResponse r) {
            return new ChangesResponse(files(r.entries()), r.cursor(), r.hasMore(), r.waitSeconds());
        }
        if (body instanceof PlanResponse r) {
            return new PlanResponse(files(r.remoteChanges()), r.cursor(), r.hasMore(), files(r.conflicts()), r.uploads(),
                    r.repairs());
        }
        if (body instanceof FilesResponse r) {
            return new FilesResponse(files(r.entries()), r.seq(), r.next());
        }
        if (body instanceof HistoryResponse r) {
            return new HistoryResponse(r.path(), files(r.versions()));
        }
        if (body instanceof CommitResponse r) {
            return new CommitResponse(r.results().stream().map(ProtocolView::result).toList());
        }
        if (body instanceof TrashResponse r) {
            return new TrashResponse(r.items().stream().map(i -> new TrashResponse.Item(i.path(), i.version(),
                    i.deletedAt(), i.deletedBy(), i.last().withoutMetadata())).toList(), r.next());
        }
        return body;
    }

    private static List<EntryDto> files(List<EntryDto> entries) {
        return entries == null ? null : entries.stream().filter(e -> !e.isFolder()).map(EntryDto::withoutMetadata).toList();
    }

    /** A conflict with a folder is shown as a conflict with no entry: an older client can only retry or hold. */
    private static CommitResultDto result(CommitResultDto r) {
        if (r.remote() == null) {
            return r;
        }
        EntryDto remote = r.remote().isFolder() ? null : r.remote().withoutMetadata();
        return new CommitResultDto(r.path(), r.status(), r.version(), r.seq(), remote);
    }
}
