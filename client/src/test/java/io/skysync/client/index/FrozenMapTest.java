package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrozenMapTest {
    @Test
    void handOver_readsLikeTheMapAndRefusesEveryChange() {
        HashMap<String, Integer> built = new HashMap<>(Map.of("a", 1, "b", 2));
        Map<String, Integer> frozen = FrozenMap.handOver(built);

        assertThat(frozen).isEqualTo(Map.of("a", 1, "b", 2)).hasSize(2).containsEntry("a", 1).doesNotContainKey("c");
        assertThat(frozen.getOrDefault("c", 7)).isEqualTo(7);
        assertThat(frozen.hashCode()).isEqualTo(Map.of("a", 1, "b", 2).hashCode());
        assertThatThrownBy(() -> frozen.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(frozen::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.putIfAbsent("c", 3)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> frozen.entrySet().iterator().next().setValue(9)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(frozen).containsEntry("a", 1).hasSize(2);
    }

    @Test
    void of_frozenOrImmutableMap_isNotCopied() {
        Map<String, Integer> frozen = FrozenMap.handOver(new HashMap<>(Map.of("a", 1)));
        Map<String, Integer> immutable = Map.copyOf(Map.of("a", 1, "b", 2, "c", 3));

        assertThat(FrozenMap.of(frozen)).isSameAs(frozen);
        assertThat(FrozenMap.of(immutable)).isSameAs(immutable);
    }

    @Test
    void of_mapSomeoneElseHolds_isCopied_soTheirLaterChangesDoNotShow() {
        HashMap<String, Integer> shared = new HashMap<>(Map.of("a", 1));
        Map<String, Integer> copy = FrozenMap.of(shared);

        shared.put("b", 2);

        assertThat(copy).isEqualTo(Map.of("a", 1));
        assertThatThrownBy(() -> copy.put("c", 3)).isInstanceOf(UnsupportedOperationException.class);
    }
}
