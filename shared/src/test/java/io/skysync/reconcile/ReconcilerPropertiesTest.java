package io.skysync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.FileVersion;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Invariants of {@link Reconciler} over random cases (see docs/reconcile.md): no lost write,
 * symmetry, idempotence, and every version carried is the remote's. Contents come from three
 * letters so equal contents on different sides are common.
 */
class ReconcilerPropertiesTest {

    /** One path as the reconcile sees it. */
    record Case(Snapshot ancestor, ContentHash local, Snapshot remote) {
        Action reconcile() {
            return Reconciler.reconcile(ancestor, local, remote);
        }

        boolean localChanged() {
            return !Objects.equals(local, ancestor.content());
        }

        boolean remoteChanged() {
            return !Objects.equals(remote.content(), ancestor.content());
        }
    }

    @Property
    void reconcile_locallyChangedContent_isNeverOverwrittenOrDeletedExceptViaConflict(@ForAll("cases") Case c) {
        Action action = c.reconcile();

        if (c.localChanged() && c.local() != null) {
            assertThat(action instanceof Action.Upload || action instanceof Action.Conflict
                    || (action instanceof Action.Adopt && c.local().equals(c.remote().content())))
                    .as("local edit kept by %s", action).isTrue();
        }
        if (c.remoteChanged() && c.remote().content() != null) {
            assertThat(action instanceof Action.Download || action instanceof Action.Conflict
                    || (action instanceof Action.Adopt && c.remote().content().equals(c.local())))
                    .as("remote edit kept by %s", action).isTrue();
        }
        if (action instanceof Action.DeleteRemote && !c.remote().equals(Snapshot.ABSENT)) {
            // (A tombstone over no entry at all deletes nothing; R08.)
            assertThat(c.remote().content()).as("only an unchanged remote is deleted").isEqualTo(c.ancestor().content());
        }
        if (action instanceof Action.DeleteLocal) {
            assertThat(c.local()).as("only an unchanged local file is deleted").isEqualTo(c.ancestor().content());
        }
    }

    @Property
    void reconcile_swappingLocalAndRemote_mirrorsTheAction(@ForAll("symmetricCases") Case c) {
        Snapshot ancestor = c.ancestor();
        // A local file has no version: as a remote, an unchanged one keeps the ancestor's, a changed one moves on.
        Snapshot localAsRemote = c.localChanged()
                ? new Snapshot(ancestor.version().next(), c.local())
                : ancestor;
        Case swapped = new Case(ancestor, c.remote().content(), localAsRemote);

        assertThat(kind(swapped.reconcile())).isEqualTo(mirror(kind(c.reconcile())));
    }

    @Property
    void reconcile_afterApplyingTheAction_isNothing(@ForAll("cases") Case c, @ForAll ConflictPolicy policy) {
        Case after = apply(c, c.reconcile(), policy);

        assertThat(after.reconcile()).isEqualTo(Action.NOTHING);
    }

    @Property
    void reconcile_everyVersionCarried_isTheRemotesCurrentOne(@ForAll("cases") Case c) {
        Action action = c.reconcile();
        FileVersion carried;
        if (action instanceof Action.Nothing) {
            carried = c.remote().version();
        } else if (action instanceof Action.Adopt a) {
            carried = a.remoteVersion();
        } else if (action instanceof Action.Upload u) {
            carried = u.baseVersion();
        } else if (action instanceof Action.Download d) {
            carried = d.remoteVersion();
        } else if (action instanceof Action.DeleteLocal d) {
            carried = d.remoteVersion();
        } else if (action instanceof Action.DeleteRemote d) {
            carried = d.baseVersion();
        } else {
            carried = ((Action.Conflict) action).remoteVersion();
        }

        assertThat(carried).isEqualTo(c.remote().version());
    }

    @Provide
    Arbitrary<Case> cases() {
        Arbitrary<Snapshot> ancestors = Arbitraries.oneOf(
                Arbitraries.just(Snapshot.ABSENT),
                Combinators.combine(Arbitraries.longs().between(1, 4), contents().injectNull(0.3))
                        .as((v, h) -> new Snapshot(FileVersion.of(v), h)));
        return ancestors.flatMap(ancestor -> Combinators.combine(
                        contents().injectNull(0.3), remotes(ancestor))
                .as((local, remote) -> new Case(ancestor, local, remote)));
    }

    /**
     * Cases where a remote that kept the ancestor's content also kept its version, leaving out a
     * manifest that lacks a synced path (R13: not a deletion, unlike a local file that is gone).
     */
    @Provide
    Arbitrary<Case> symmetricCases() {
        return cases().filter(c -> c.remoteChanged() || c.remote().version().equals(c.ancestor().version()))
                .filter(c -> !(c.remote().equals(Snapshot.ABSENT) && !c.ancestor().version().isNone()));
    }

    @Property
    void reconcile_pastThatDoesNotApply_changesNothing(@ForAll("cases") Case c, @ForAll("pasts") Snapshot past) {
        boolean inLineage = c.local() != null && c.local().equals(past.content())
                && past.version().compareTo(c.remote().version()) <= 0;
        boolean applies = inLineage && (past.version().compareTo(c.ancestor().version()) > 0
                || c.reconcile() instanceof Action.Conflict);

        if (!applies) {
            assertThat(Reconciler.reconcile(c.ancestor(), c.local(), c.remote(), past)).isEqualTo(c.reconcile());
        }
    }

    @Property
    void reconcile_withHistory_replacesOrDeletesLocalContentOnlyIfTheVaultKeepsIt(@ForAll("cases") Case c,
                                                                                  @ForAll("pasts") Snapshot past) {
        Action action = Reconciler.reconcile(c.ancestor(), c.local(), c.remote(), past);

        boolean replaced = (action instanceof Action.Download || action instanceof Action.DeleteLocal) && c.local() != null;
        if (replaced) {
            assertThat(c.local()).as("the local content is the ancestor's or a kept version, by %s", action)
                    .isIn(c.ancestor().content(), past.content());
        }
    }

    @Provide
    Arbitrary<Snapshot> pasts() {
        return Combinators.combine(Arbitraries.longs().between(1, 7), contents())
                .as((v, h) -> Snapshot.live(v, h));
    }

    private static Arbitrary<Snapshot> remotes(Snapshot ancestor) {
        Arbitrary<Snapshot> moved = Combinators.combine(Arbitraries.longs().between(1, 3), contents().injectNull(0.3))
                .as((d, h) -> new Snapshot(FileVersion.of(ancestor.version().value() + d), h));
        // Mostly realistic remotes (unchanged, or moved on); now and then a manifest that lost the path.
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(ancestor)),
                net.jqwik.api.Tuple.of(6, moved),
                net.jqwik.api.Tuple.of(1, Arbitraries.just(Snapshot.ABSENT)));
    }

    private static Arbitrary<ContentHash> contents() {
        return Arbitraries.of("a", "b", "c").map(s -> ContentHash.ofBytes(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the client does for an action: the new local content, remote entry and synced ancestor. */
    private static Case apply(Case c, Action action, ConflictPolicy policy) {
        Snapshot remote = c.remote();
        if (action instanceof Action.Nothing) {
            return c;
        } else if (action instanceof Action.Adopt) {
            return new Case(remote, c.local(), remote);
        } else if (action instanceof Action.Upload u) {
            return committed(c.local(), new Snapshot(u.baseVersion().next(), c.local()));
        } else if (action instanceof Action.Download d) {
            return new Case(remote, d.content(), remote);
        } else if (action instanceof Action.DeleteLocal) {
            return new Case(remote, null, remote);
        } else if (action instanceof Action.DeleteRemote d) {
            return committed(null, new Snapshot(d.baseVersion().next(), null));
        }
        Action.Conflict k = (Action.Conflict) action;
        return switch (ConflictResolver.decide(policy, 2, c.local(), 1, k.remoteContent())) {
            case TAKE_LOCAL -> committed(c.local(), new Snapshot(k.remoteVersion().next(), c.local()));
            // Keep-both moves the local file to a conflict copy (another path), then downloads.
            case TAKE_REMOTE, KEEP_BOTH -> new Case(remote, k.remoteContent(), remote);
        };
    }

    private static Case committed(ContentHash local, Snapshot newRemote) {
        return new Case(newRemote, local, newRemote);
    }

    private static String kind(Action action) {
        return action instanceof Action.Conflict c ? "Conflict:" + c.kind() : action.getClass().getSimpleName();
    }

    private static String mirror(String kind) {
        return Map.of("Upload", "Download", "Download", "Upload", "DeleteRemote", "DeleteLocal",
                "DeleteLocal", "DeleteRemote").getOrDefault(kind, kind);
    }
}
