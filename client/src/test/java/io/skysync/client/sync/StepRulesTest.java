package io.skysync.client.sync;

import static io.skysync.client.sync.PlanFixtures.remote;
import static io.skysync.client.sync.PlanFixtures.snapshot;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictPolicy;
import io.skysync.reconcile.Snapshot;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The mapping of the reconcile rule onto a run: what each hold says, and when a copy is named. */
class StepRulesTest {
    private static final VaultPath PATH = VaultPath.of("n.txt");
    private final List<VaultPath> named = new ArrayList<>();
    private final StepRules.CopyNamer namer = (path, remote, local) -> {
        named.add(path);
        return new Step.KeepBoth(path, remote, local, VaultPath.of("copy"), "copy");
    };

    private Step decide(String ancestor, String local, String remoteCell, SyncOptions options) {
        LocalFile file = PlanFixtures.local(PATH, local, PlanFixtures.LOCAL_MTIME);
        return StepRules.decide(PATH, snapshot(ancestor), file, remote(remoteCell), Snapshot.ABSENT, options, namer);
    }

    private static SyncOptions sync(ConflictPolicy policy) {
        return SyncOptions.twoWay(policy, "me");
    }

    @Test
    void conflictCopy_isNamedOnlyForAKeepBothConflict() {
        decide("a@3", "c", "b@5", sync(ConflictPolicy.KEEP_LOCAL));
        decide("a@3", "c", "b@5", sync(ConflictPolicy.NEWEST));
        decide("a@3", "a", "b@5", sync(ConflictPolicy.KEEP_BOTH));
        assertThat(named).isEmpty();

        assertThat(decide("a@3", "c", "b@5", sync(ConflictPolicy.KEEP_BOTH))).isInstanceOf(Step.KeepBoth.class);
        assertThat(named).containsExactly(PATH);
    }

    @Test
    void holds_sayWhichWayTheChangeWaits() {
        assertThat(decide("a@3", "c", "a@3", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PULL)))
                .isEqualTo(new Step.Hold(PATH, "local change waits for a push", Step.Hold.Why.OTHER_DIRECTION));
        assertThat(decide("a@3", "absent", "a@3", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PULL)))
                .isEqualTo(new Step.Hold(PATH, "local deletion waits for a push", Step.Hold.Why.OTHER_DIRECTION));
        assertThat(decide("a@3", "a", "b@5", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PUSH)))
                .isEqualTo(new Step.Hold(PATH, "remote change waits for a pull", Step.Hold.Why.OTHER_DIRECTION));
        assertThat(decide("a@3", "a", "deleted@5", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PUSH)))
                .isEqualTo(new Step.Hold(PATH, "remote deletion waits for a pull", Step.Hold.Why.OTHER_DIRECTION));
        assertThat(decide("a@3", "c", "a@3", sync(ConflictPolicy.KEEP_BOTH).withReadOnly(true)))
                .isEqualTo(new Step.Hold(PATH, "this device is read-only: the local change stays here", Step.Hold.Why.READ_ONLY));
    }

    @Test
    void conflict_ofAOneWayRun_isHeldWithAHintHowToSettleIt() {
        Step pull = decide("a@3", "c", "b@5", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PULL));
        Step push = decide("a@3", "c", "b@5", sync(ConflictPolicy.KEEP_BOTH).withDirection(Direction.PUSH));
        Step readOnly = decide("a@3", "c", "b@5", sync(ConflictPolicy.KEEP_BOTH).withReadOnly(true));

        assertThat(((Step.Hold) pull).reason()).contains("run 'skysync sync' to settle");
        assertThat(((Step.Hold) push).reason()).contains("push --mode all to force");
        assertThat(((Step.Hold) readOnly).reason()).contains("this device is read-only");
        assertThat(List.of(pull, push, readOnly)).allMatch(s -> ((Step.Hold) s).conflict());
    }

    @Test
    void newest_isDecidedByModificationTime_bothWays() {
        LocalFile older = PlanFixtures.local(PATH, "c", PlanFixtures.REMOTE_MTIME - 1);
        Step remoteWins = StepRules.decide(PATH, snapshot("a@3"), older, remote("b@5"), Snapshot.ABSENT,
                sync(ConflictPolicy.NEWEST), namer);

        assertThat(remoteWins).isInstanceOf(Step.Fetch.class);
        assertThat(decide("a@3", "c", "b@5", sync(ConflictPolicy.NEWEST))).isInstanceOf(Step.Commit.class);
    }

    @Test
    void commit_carriesTheRemotesVersionAsItsBase() {
        Step.Commit over = (Step.Commit) decide("a@3", "c", "deleted@5", sync(ConflictPolicy.KEEP_BOTH));
        RemoteFile tombstone = remote("deleted@5");

        assertThat(over.base()).isEqualTo(tombstone.version());
        assertThat(over.remote()).isEqualTo(tombstone);
    }
}
