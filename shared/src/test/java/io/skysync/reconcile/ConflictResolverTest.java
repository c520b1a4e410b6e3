package io.skysync.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import io.skysync.reconcile.ConflictResolver.Decision;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** Conflict winners are deterministic and symmetric: if a beats b here, b loses to a on the other device. */
class ConflictResolverTest {
    private static final ContentHash A = hash("a");
    private static final ContentHash B = hash("b");

    @ParameterizedTest
    @CsvSource({"KEEP_BOTH, KEEP_BOTH", "KEEP_LOCAL, TAKE_LOCAL", "KEEP_REMOTE, TAKE_REMOTE"})
    void decide_fixedPolicies_ignoreTimesAndContents(ConflictPolicy policy, Decision expected) {
        assertThat(ConflictResolver.decide(policy, 1, A, 2, B)).isEqualTo(expected);
        assertThat(ConflictResolver.decide(policy, 2, B, 1, A)).isEqualTo(expected);
    }

    @Test
    void decide_newestWithLaterLocalMtime_takesLocal() {
        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 2_000, A, 1_000, B)).isEqualTo(Decision.TAKE_LOCAL);
        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 1_000, A, 2_000, B)).isEqualTo(Decision.TAKE_REMOTE);
    }

    @Test
    void decide_newestTiedMtime_largerHashWinsOnBothDevices() {
        ContentHash larger = A.hex().compareTo(B.hex()) > 0 ? A : B;
        ContentHash smaller = larger == A ? B : A;

        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 5, larger, 5, smaller)).isEqualTo(Decision.TAKE_LOCAL);
        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 5, smaller, 5, larger)).isEqualTo(Decision.TAKE_REMOTE);
    }

    @Test
    void decide_newestTiedMtimeAgainstADeletion_contentWins() {
        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 5, A, 5, null)).isEqualTo(Decision.TAKE_LOCAL);
        assertThat(ConflictResolver.decide(ConflictPolicy.NEWEST, 5, null, 5, A)).isEqualTo(Decision.TAKE_REMOTE);
    }

    @Property
    void decide_newestSeenFromBothDevices_picksTheSameWinner(
            @ForAll @LongRange(min = 0, max = 3) long localMtime, @ForAll("hashes") ContentHash local,
            @ForAll @LongRange(min = 0, max = 3) long remoteMtime, @ForAll("hashes") ContentHash remote) {
        if (local.equals(remote)) {
            return; // the same content is never a conflict
        }
        Decision here = ConflictResolver.decide(ConflictPolicy.NEWEST, localMtime, local, remoteMtime, remote);
        Decision there = ConflictResolver.decide(ConflictPolicy.NEWEST, remoteMtime, remote, localMtime, local);

        assertThat(here).isIn(Decision.TAKE_LOCAL, Decision.TAKE_REMOTE);
        assertThat(there).isEqualTo(here == Decision.TAKE_LOCAL ? Decision.TAKE_REMOTE : Decision.TAKE_LOCAL);
    }

    @ParameterizedTest
    @EnumSource(ConflictPolicy.class)
    void conflictPolicy_wireName_roundTrips(ConflictPolicy policy) {
        assertThat(ConflictPolicy.fromWireName(policy.wireName())).isEqualTo(policy);
    }

    @Test
    void conflictPolicy_wireNames_areKebabCase() {
        assertThat(ConflictPolicy.KEEP_BOTH.wireName()).isEqualTo("keep-both");
        assertThat(ConflictPolicy.KEEP_LOCAL.wireName()).isEqualTo("keep-local");
        assertThat(ConflictPolicy.KEEP_REMOTE.wireName()).isEqualTo("keep-remote");
        assertThat(ConflictPolicy.NEWEST.wireName()).isEqualTo("newest");
    }

    @ParameterizedTest
    @CsvSource(value = {"KEEP_BOTH", "keep_both", "Keep-Both", "''", "oldest", "NULL"}, nullValues = "NULL")
    void conflictPolicy_unknownName_refusedWithTheChoices(String wire) {
        assertThatThrownBy(() -> ConflictPolicy.fromWireName(wire))
                .isInstanceOfSatisfying(SkysyncException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST))
                .hasMessageContaining("keep-both, keep-local, keep-remote or newest");
    }

    @Provide
    Arbitrary<ContentHash> hashes() {
        return Arbitraries.strings().alpha().ofMaxLength(3).map(ConflictResolverTest::hash);
    }

    private static ContentHash hash(String s) {
        return ContentHash.ofBytes(s.getBytes(StandardCharsets.UTF_8));
    }
}
