package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyedMapTest {
    /** A value that carries its key. */
    private record Item(String key, int n) {
    }

    /** Keys whose hashes collide, so lookups probe past other keys' slots. */
    private record Colliding(String text) {
        @Override
        public int hashCode() {
            return 42;
        }
    }

    @Test
    void aMapOfManyValues_readsLikeAHashMapOfThem() {
        KeyedMap.Builder<String, Item> builder = KeyedMap.builder(Item::key, 4);
        Map<String, Item> expected = new HashMap<>();
        for (int i = 0; i < 10_000; i++) {
            Item item = new Item("k" + i, i);
            builder.put(item);
            expected.put(item.key(), item);
        }

        Map<String, Item> map = builder.build();

        assertThat(map).isEqualTo(expected).hasSize(10_000);
        assertThat(map.hashCode()).isEqualTo(expected.hashCode());
        assertThat(map.get("k1234")).isEqualTo(new Item("k1234", 1234));
        assertThat(map.get("k10000")).isNull();
        assertThat(map.get(null)).isNull();
        assertThat(map.containsKey("k0")).isTrue();
        assertThat(map.getOrDefault("missing", new Item("x", -1))).isEqualTo(new Item("x", -1));
        assertThat(new HashSet<>(map.keySet())).isEqualTo(expected.keySet());
        assertThat(map.keySet()).hasSize(10_000).contains("k9999");
        assertThat(new HashSet<>(map.values())).isEqualTo(new HashSet<>(expected.values()));
        assertThat(map.values()).hasSize(10_000);
        assertThat(new HashSet<>(map.entrySet())).isEqualTo(expected.entrySet());
        Map<String, Item> seen = new HashMap<>();
        map.forEach(seen::put);
        assertThat(seen).isEqualTo(expected);
    }

    @Test
    void aLaterValueOfTheSameKey_replacesTheEarlier_evenAmongCollidingHashes() {
        KeyedMap.Builder<Colliding, Map.Entry<Colliding, Integer>> builder = KeyedMap.builder(Map.Entry::getKey, 2);
        for (String text : List.of("a", "b", "c", "d", "e")) {
            builder.put(Map.entry(new Colliding(text), 1));
        }
        builder.put(Map.entry(new Colliding("c"), 2));

        Map<Colliding, Map.Entry<Colliding, Integer>> map = builder.build();

        assertThat(map).hasSize(5);
        assertThat(map.get(new Colliding("c")).getValue()).isEqualTo(2);
        assertThat(map.get(new Colliding("e")).getValue()).isEqualTo(1);
        assertThat(map.get(new Colliding("f"))).isNull();
    }

    @Test
    void theMap_refusesEveryChange_andIsNotCopiedAsFrozen() {
        Map<String, Item> map = KeyedMap.builder(Item::key, 1).put(new Item("a", 1)).build();

        assertThatThrownBy(() -> map.put("b", new Item("b", 2))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(map::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.keySet().remove("a")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.values().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> map.entrySet().iterator().next().setValue(new Item("a", 9)))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(FrozenMap.of(map)).isSameAs(map);
        assertThat(map).containsEntry("a", new Item("a", 1)).hasSize(1);
    }

    @Test
    void theBuilder_isSpentOnceBuilt() {
        KeyedMap.Builder<String, Item> builder = KeyedMap.builder(Item::key, 1);
        builder.build();

        assertThatThrownBy(() -> builder.put(new Item("a", 1))).isInstanceOf(NullPointerException.class);
    }
}
