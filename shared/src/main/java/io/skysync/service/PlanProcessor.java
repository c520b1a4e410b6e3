package io.skysync.service;

import io.skysync.api.EntryDto;
import io.skysync.api.PlanResponse;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.ManifestEntry;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.domain.VaultPath;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A plan, for a device already authenticated: the first page of remote changes, the early
 * conflicts ({@link CommitRule}, the commit's own rule), upload tickets for the blobs it will need
 * ({@link UploadTickets}), repair tickets for contents the vault lost ({@link BlobRepairs}), and
 * the last-seen rule. Nothing is written before every check passed; the last-seen write comes last.
 */
final class PlanProcessor {
    /** How stale a device's last-seen time may get before a plan that changes nothing else writes it. */
    static final Duration LAST_SEEN_GRANULARITY = Duration.ofMinutes(1);

    private final ManifestStore store;
    private final Clock clock;
    private final UploadTickets tickets;
    private final Optional<BlobRepairs> repairs;

    PlanProcessor(ManifestStore store, Clock clock, UploadTickets tickets, Optional<BlobRepairs> repairs) {
        this.store = store;
        this.clock = clock;
        this.tickets = tickets;
        this.repairs = repairs;
    }

    PlanResponse plan(VaultId vault, DeviceRecord device, Seq cursor, List<CommitCommand> changes) {
        ChangePage page = ChangeFeed.page(store, vault, cursor, ServiceConfig.MAX_PAGE);
        Map<VaultPath, ManifestEntry> current = store.entries(vault, changes.stream().map(CommitCommand::path).toList());
        List<EntryDto> conflicts = new ArrayList<>();
        Map<ContentHash, Long> wanted = new LinkedHashMap<>();
        for (CommitCommand change : changes) {
            ManifestEntry cur = current.get(change.path());
            // The commit's own rule: what plan calls a conflict, the commit of the same entry will.
            if (cur != null && CommitRule.decide(change, cur) instanceof CommitRule.Conflict) {
                conflicts.add(EntryDto.of(cur));
            }
            if (change.isChunked()) {
                // The recipe's upload; its chunks' come from upload-urls, which checks them in batches.
                if (change.recipeSize() >= 0) {
                    wanted.putIfAbsent(change.recipe(), change.recipeSize());
                }
            } else if (!change.deleted() && !change.folder()) {
                wanted.putIfAbsent(change.hash(), change.size());
            }
        }
        Set<ContentHash> lost = device.role().canWrite()
                ? repairs.map(r -> r.lostFor(vault, device.id())).orElse(Set.of())
                : Set.of();
        List<UploadDto> uploads = uploads(vault, device, wanted, lost);
        List<UploadDto> repairTickets = new ArrayList<>();
        for (ContentHash hash : lost) {
            if (!wanted.containsKey(hash)) {
                repairTickets.add(repairs.orElseThrow().stagedTicket(vault, hash, device.id()));
            }
        }
        recordSeen(vault, device, cursor);
        return new PlanResponse(page.entries().stream().map(EntryDto::of).toList(), page.cursor().value(),
                page.hasMore(), conflicts, uploads, repairTickets.isEmpty() ? null : repairTickets);
    }

    /**
     * {@code POST /upload-urls}: tickets for the blobs of {@code wanted} the vault does not hold,
     * through the same rules as a plan's (size limit, the clean-up's guard, and a staged ticket for a
     * content the vault lost, so a planted blob cannot be planted again under its name).
     */
    List<UploadDto> uploadUrls(VaultId vault, DeviceRecord device, Map<ContentHash, Long> wanted) {
        Set<ContentHash> lost = repairs.map(r -> r.lostAmong(vault, wanted.keySet())).orElse(Set.of());
        return uploads(vault, device, wanted, lost);
    }

    /** Upload tickets for {@code wanted}, staged ones for contents the vault lost (see {@link BlobRepairs}). */
    List<UploadDto> uploads(VaultId vault, DeviceRecord device, Map<ContentHash, Long> wanted, Set<ContentHash> lost) {
        return tickets.forMissing(vault, wanted, lost, hash -> repairs.orElseThrow().stagedTicket(vault, hash, device.id()));
    }

    /**
     * The last-seen rule (docs/devices.md): a plan writes the device's last-seen time and cursor only
     * if the cursor moved or the stored time is more than {@link #LAST_SEEN_GRANULARITY} old, so a
     * device polling an idle vault reads and writes nothing else.
     */
    private void recordSeen(VaultId vault, DeviceRecord device, Seq cursor) {
        Instant now = clock.instant();
        if (!device.cursor().equals(cursor) || device.lastSeen().isBefore(now.minus(LAST_SEEN_GRANULARITY))) {
            store.recordSeen(vault, device.id(), now, cursor);
        }
    }
}
