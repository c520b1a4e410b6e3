package io.skysync.service;

import io.skysync.api.UploadDto;
import io.skysync.api.VerifyResponse;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Checks stored blobs against their names and heals one that does not match (docs/security.md,
 * "A member plants wrong bytes"). An upload URL of Azure cannot pin a SHA-256, so a writer device
 * can store wrong bytes under another content's hash; a reader that finds them asks
 * {@link #verify}, the server reads and hashes the blob, and if it is wrong removes it (under the
 * ETag it read) after recording the content as lost. From then on every upload of that content,
 * by any device, goes to a name of the uploading device's own ({@link BlobRef#staged}), and only
 * the server puts it in place, after it checked the SHA-256 ({@link #promote}). So an attacker can
 * never win the re-upload race: it can stage its own bytes, which are checked and dropped, but not
 * the blob, which holds the honest content once any device that has it uploaded it.
 *
 * <p>Cost bounds, so verification is no lever for reading a vault over and over: at most
 * {@link #MAX_VERIFICATIONS} reads of blob bytes per vault per {@link #WINDOW}, one verification
 * per content per window, and no blob above {@link #MAX_VERIFY_BYTES} is read ({@code too_large}).
 */
public final class BlobRepairs implements RetentionJob.RepairSweep {
    public static final Duration WINDOW = Duration.ofMinutes(10);
    public static final int MAX_VERIFICATIONS = 20;
    /** 256 MiB: hashed in a few seconds, well inside the function's time-out. */
    public static final long MAX_VERIFY_BYTES = 256L * 1024 * 1024;
    /** Lost contents a plan hands out (and whose staged copies by the planning device it checks) at most. */
    static final int REPAIRS_PER_PLAN = 10;
    private static final int LOST_READ = 1000;
    private static final System.Logger LOG = System.getLogger(BlobRepairs.class.getName());

    private final BlobAudit audit;
    private final RepairStore records;
    private final RetentionStore references;
    private final BlobRecords known;
    private final Clock clock;
    private final Duration uploadTtl;

    /** @param known the manifest's blob records, which must not keep a blob the repair removes */
    public BlobRepairs(BlobAudit audit, RepairStore records, RetentionStore references, BlobRecords known, Clock clock,
                       Duration uploadTtl) {
        this.audit = Objects.requireNonNull(audit, "audit");
        this.records = Objects.requireNonNull(records, "records");
        this.references = Objects.requireNonNull(references, "references");
        this.known = Objects.requireNonNull(known, "known");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.uploadTtl = Objects.requireNonNull(uploadTtl, "uploadTtl");
    }

    /** {@code POST /blobs/verify}: reads the blob of {@code hash}, removes it if its bytes are wrong. */
    public VerifyResponse verify(VaultId vault, ContentHash hash) {
        Instant now = clock.instant();
        requireBudget(vault, now);
        if (!records.claimVerification(vault, hash, now, now.minus(WINDOW))) {
            throw new SkysyncException(ErrorCode.RATE_LIMITED, "this content was verified less than "
                    + WINDOW.toMinutes() + " minutes ago; a blob is verified at most once every " + WINDOW.toMinutes()
                    + " minutes, retry after " + now.plus(WINDOW));
        }
        Optional<LostBlob> lost = lost(vault, hash);
        if (lost.isPresent() && promoteAnyStaged(vault, lost.get())) {
            return new VerifyResponse(hash.hex(), VerifyResponse.INTACT);
        }
        BlobRef blob = BlobRef.blob(vault, hash);
        Optional<BlobDigest> found = audit.digest(blob, MAX_VERIFY_BYTES);
        if (found.isEmpty()) {
            recordLossIfReferenced(vault, hash, now);
            known.forgetBlobs(vault, Set.of(hash));
            return new VerifyResponse(hash.hex(), VerifyResponse.ABSENT);
        }
        BlobDigest digest = found.get();
        if (digest.sha256().isEmpty()) {
            throw new SkysyncException(ErrorCode.TOO_LARGE, "the blob has " + digest.size()
                    + " bytes; the server verifies blobs of at most " + MAX_VERIFY_BYTES + " bytes");
        }
        if (digest.matches(hash)) {
            // Back by another way (an upload URL issued before the loss): the staged copies are moot.
            if (lost.isPresent() && records.clearLost(vault, lost.get())) {
                dropStaged(vault, hash);
            }
            return new VerifyResponse(hash.hex(), VerifyResponse.INTACT);
        }
        // The loss first: from this moment every upload of the content is staged, never the blob. Also
        // when nothing references it yet: a plant of another size makes the honest commit fail with
        // missing_blob, and without the record the planter could take the freed name again at once.
        records.markLost(vault, new LostBlob(hash, now));
        // Then the record, before the blob: a record never names a blob that is gone.
        known.forgetBlobs(vault, Set.of(hash));
        if (!audit.deleteIfUnchanged(blob, digest.etag())) {
            LOG.log(Level.INFO, "the wrong blob " + hash.hex() + " of vault " + vault + " changed before its removal");
        }
        LOG.log(Level.WARNING, "vault " + vault + ": the blob " + hash.hex() + " held wrong bytes; removed");
        return new VerifyResponse(hash.hex(), VerifyResponse.REMOVED);
    }

    /**
     * For a writer device's plan: the vault's lost contents (up to {@link #REPAIRS_PER_PLAN},
     * rotating), after putting in place any that this device has staged and that check out.
     */
    public Set<ContentHash> lostFor(VaultId vault, DeviceId device) {
        List<LostBlob> all = records.lost(vault, LOST_READ);
        if (all.isEmpty()) {
            return Set.of();
        }
        Instant now = clock.instant();
        int start = (int) ((now.getEpochSecond() / 60) % all.size());
        Set<ContentHash> pending = new LinkedHashSet<>();
        for (int i = 0; i < Math.min(REPAIRS_PER_PLAN, all.size()); i++) {
            LostBlob lost = all.get((start + i) % all.size());
            if (!promote(vault, lost, device)) {
                pending.add(lost.hash());
            }
        }
        return pending;
    }

    /**
     * Which of {@code hashes} the vault has recorded as lost, all of them (one read of the lost
     * records): an upload of any of them must be staged, or a planter could win the race for the
     * canonical name again.
     */
    public Set<ContentHash> lostAmong(VaultId vault, Set<ContentHash> hashes) {
        if (hashes.isEmpty()) {
            return Set.of();
        }
        Set<ContentHash> lost = new LinkedHashSet<>();
        for (LostBlob record : records.lost(vault, LOST_READ)) {
            if (hashes.contains(record.hash())) {
                lost.add(record.hash());
            }
        }
        return lost;
    }

    /** A ticket to stage {@code device}'s upload of a lost content: the only upload such content gets. */
    public UploadDto stagedTicket(VaultId vault, ContentHash hash, DeviceId device) {
        return UploadTickets.dto(hash, audit.presignStaged(BlobRef.staged(vault, hash, device), uploadTtl));
    }

    /** For the daily clean-up: drops the records (and staged copies) of lost contents nobody references any more. */
    @Override
    public int sweep(VaultId vault, Set<ContentHash> referenced) {
        int dropped = 0;
        for (LostBlob lost : records.lost(vault, LOST_READ)) {
            if (!referenced.contains(lost.hash())) {
                dropStaged(vault, lost.hash());
                // A record written back by a commit that raced the removal goes with the loss.
                known.forgetBlobs(vault, Set.of(lost.hash()));
                if (records.clearLost(vault, lost)) {
                    dropped++;
                }
            }
        }
        return dropped;
    }

    private boolean promoteAnyStaged(VaultId vault, LostBlob lost) {
        for (DeviceId device : audit.stagedBy(vault, lost.hash())) {
            if (promote(vault, lost, device)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Puts {@code device}'s staged copy of a lost content in place if its bytes are that content:
     * a copy under the ETag that was hashed, over whatever the blob holds. Wrong bytes are dropped.
     */
    private boolean promote(VaultId vault, LostBlob lost, DeviceId device) {
        BlobRef staged = BlobRef.staged(vault, lost.hash(), device);
        // A look without reading (most devices have staged nothing); reading counts against the budget.
        Optional<BlobDigest> look = audit.digest(staged, 0);
        if (look.isEmpty() || look.get().size() > MAX_VERIFY_BYTES || !hasBudget(vault)) {
            return false;
        }
        Optional<BlobDigest> found = audit.digest(staged, MAX_VERIFY_BYTES);
        // Too large to hash is not known to be wrong: left alone (neither put in place nor dropped).
        if (found.isEmpty() || found.get().sha256().isEmpty()) {
            return false;
        }
        if (!found.get().matches(lost.hash())) {
            LOG.log(Level.WARNING, "vault " + vault + ": device " + device + " staged wrong bytes for "
                    + lost.hash().hex() + "; dropped");
            audit.deleteIfUnchanged(staged, found.get().etag());
            return false;
        }
        if (!audit.copyIfUnchanged(staged, found.get().etag(), BlobRef.blob(vault, lost.hash()))) {
            return false;
        }
        records.clearLost(vault, lost);
        dropStaged(vault, lost.hash());
        LOG.log(Level.INFO, "vault " + vault + ": the content " + lost.hash().hex() + " is back, from device " + device);
        return true;
    }

    /** Once the content is back (or nobody needs it), every device's staged copy of it has served its purpose. */
    private void dropStaged(VaultId vault, ContentHash hash) {
        for (DeviceId device : audit.stagedBy(vault, hash)) {
            audit.deleteStaged(BlobRef.staged(vault, hash, device));
        }
    }

    private void recordLossIfReferenced(VaultId vault, ContentHash hash, Instant now) {
        if (references.referencedHashes(vault).contains(hash)) {
            records.markLost(vault, new LostBlob(hash, now));
        }
    }

    private Optional<LostBlob> lost(VaultId vault, ContentHash hash) {
        return records.lost(vault, LOST_READ).stream().filter(l -> l.hash().equals(hash)).findFirst();
    }

    private void requireBudget(VaultId vault, Instant now) {
        if (!spend(vault, now)) {
            Instant windowEnd = Instant.ofEpochSecond((window(now) + 1) * WINDOW.toSeconds());
            throw new SkysyncException(ErrorCode.RATE_LIMITED, "too many blob verifications in this vault; at most "
                    + MAX_VERIFICATIONS + " every " + WINDOW.toMinutes() + " minutes, retry after " + windowEnd);
        }
    }

    private boolean hasBudget(VaultId vault) {
        return spend(vault, clock.instant());
    }

    /** Counts one read of blob bytes against the vault's budget; false once the window's budget is spent. */
    private boolean spend(VaultId vault, Instant now) {
        long window = window(now);
        Instant expires = Instant.ofEpochSecond((window + 2) * WINDOW.toSeconds());
        return records.countVerification(vault, window, expires) <= MAX_VERIFICATIONS;
    }

    private static long window(Instant now) {
        return now.getEpochSecond() / WINDOW.toSeconds();
    }
}
