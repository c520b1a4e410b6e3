package io.skysync.client.remote;

import io.skysync.api.TrashResponse;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.ArrayList;
import java.util.List;
import okhttp3.HttpUrl;

/** The deleted files of one vault that history can still restore ({@code GET /trash}), every page of them. */
public final class VaultTrash {
    /** More pages than a vault of a million files needs: a server that never ends its listing is refused. */
    private static final int MAX_PAGES = 100_000;
    private final ApiClient api;
    private final VaultId vault;

    public VaultTrash(ApiClient api, VaultId vault) {
        this.api = api;
        this.vault = vault;
    }

    public List<TrashResponse.Item> all() {
        List<TrashResponse.Item> items = new ArrayList<>();
        String after = null;
        for (int pages = 0; pages < MAX_PAGES; pages++) {
            HttpUrl.Builder url = api.url().addPathSegments("v1/vaults").addPathSegment(vault.value()).addPathSegment("trash");
            if (after != null) {
                url.addQueryParameter("after", after);
            }
            TrashResponse page = api.get(url.build(), TrashResponse.class);
            items.addAll(page.items());
            if (page.next() == null) {
                return items;
            }
            if (page.next().equals(after)) {
                throw new SkysyncException(ErrorCode.INTERNAL, "the server's trash listing does not move on from '" + after + "'");
            }
            after = page.next();
        }
        throw new SkysyncException(ErrorCode.INTERNAL, "the server's trash listing did not end after " + MAX_PAGES + " pages");
    }
}
