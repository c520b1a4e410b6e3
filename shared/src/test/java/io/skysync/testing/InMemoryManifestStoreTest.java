package io.skysync.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.Seq;
import io.skysync.service.CommitAttempt;
import io.skysync.service.ManifestStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The store contract against the in-memory double, plus what only the double offers. */
class InMemoryManifestStoreTest extends ManifestStoreContract {
    private final InMemoryManifestStore memory = new InMemoryManifestStore();

    @Override
    protected ManifestStore store() {
        return memory;
    }

    @Test
    void commit_moreThanMaxWrites_refusedBeforeAnyWrite() {
        InMemoryManifestStore small = new InMemoryManifestStore(2);
        assertThat(small.createVault(vault, admin, T0)).isTrue();
        store = small;

        assertThatThrownBy(() -> commit(0, write(0, live("a", 1, 1, "a")), write(0, live("b", 1, 2, "b")),
                write(0, live("c", 1, 3, "c")))).isInstanceOf(IllegalArgumentException.class);
        assertThat(small.vault(vault).orElseThrow().seq()).isEqualTo(Seq.ZERO);
    }

    @Test
    void commit_seqsNotFollowingTheHead_refused() {
        assertThatThrownBy(() -> commit(0, write(0, live("a", 1, 2, "a"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("seq");
        assertThatThrownBy(() -> commit(0, write(0, live("a", 1, 1, "a")), write(0, live("a", 1, 2, "b"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }

    @Test
    void raiseLogFloor_dropsOldRecordsAndMovesTheFloor() {
        assertThat(commit(0, write(0, live("a", 1, 1, "a")), write(0, live("b", 1, 2, "b"))))
                .isEqualTo(CommitAttempt.APPLIED);

        memory.raiseLogFloor(vault, Seq.of(1));

        assertThat(memory.vault(vault).orElseThrow().logFloor()).isEqualTo(Seq.of(1));
        assertThat(memory.changesSince(vault, Seq.ZERO, 10).entries()).extracting(e -> e.path().value())
                .containsExactly("b");
        assertThatThrownBy(() -> memory.raiseLogFloor(vault, Seq.of(3))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void dump_afterARefusedCommit_isUnchanged() {
        commit(0, write(0, live("a", 1, 1, "a")));
        var before = memory.dump();

        commit(1, write(0, live("a", 1, 2, "other")));

        assertThat(memory.dump()).isEqualTo(before);
        assertThat(List.copyOf(before.keySet())).contains(vault.value());
    }
}
