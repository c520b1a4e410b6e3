package io.skysync.client.index;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only map over a hash map its maker built and handed over, so no one else holds it: as
 * immutable as {@link Map#copyOf}, without the copy. A sync's maps (the index's rows, the scan's files)
 * hold an entry per path, and each stage kept its own immutable copy: two copies of 100 000 entries
 * per no-op (docs/performance.md, "A no-op without copies").
 */
public class FrozenMap<K, V> extends AbstractMap<K, V> {
    private final Map<K, V> map;

    private FrozenMap(HashMap<K, V> owned) {
        this.map = Collections.unmodifiableMap(owned);
    }

    /** For {@link KeyedMap}, which holds its entries itself. */
    FrozenMap() {
        this.map = null;
    }

    /** {@code built}, read-only: the caller hands it over and keeps no reference to it. */
    public static <K, V> Map<K, V> handOver(HashMap<K, V> built) {
        return new FrozenMap<>(built);
    }

    /** {@code map} itself if it is immutable already (frozen here, a {@link KeyedMap} or by {@link Map#copyOf}), else an immutable copy. */
    public static <K, V> Map<K, V> of(Map<K, V> map) {
        return map instanceof FrozenMap<K, V> ? map : Map.copyOf(map);
    }

    @Override
    public V get(Object key) {
        return map.get(key);
    }

    @Override
    public boolean containsKey(Object key) {
        return map.containsKey(key);
    }

    @Override
    public V getOrDefault(Object key, V fallback) {
        return map.getOrDefault(key, fallback);
    }

    @Override
    public int size() {
        return map.size();
    }

    @Override
    public boolean isEmpty() {
        return map.isEmpty();
    }

    @Override
    public Set<K> keySet() {
        return map.keySet();
    }

    @Override
    public Collection<V> values() {
        return map.values();
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return map.entrySet();
    }

    @Override
    public void forEach(BiConsumer<? super K, ? super V> action) {
        map.forEach(action);
    }
}
