package io.skysync.client.index;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collection;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * A frozen map whose values carry their own key (an index row its path, a scanned file its path), in
 * one open-addressed table of values beside one of their keys' hashes: no entry object per key. A
 * sync's maps hold an entry per path and every stage looks every path up in them; a hash map's
 * entry is 32 bytes and one more object to reach per lookup and to copy per collection, for each of
 * 1 000 000 paths (docs/performance.md, "A million files: the live set"). Built once by its
 * {@link Builder}, read-only after; iteration is in no order, as a hash map's.
 */
public final class KeyedMap<K, V> extends FrozenMap<K, V> {
    private final Function<V, K> keyOf;
    private final Object[] values;
    private final int[] hashes;
    private final int size;

    private KeyedMap(Function<V, K> keyOf, Object[] values, int[] hashes, int size) {
        this.keyOf = keyOf;
        this.values = values;
        this.hashes = hashes;
        this.size = size;
    }

    /** An empty builder whose values are keyed by {@code keyOf} (never null for a value put). */
    public static <K, V> Builder<K, V> builder(Function<V, K> keyOf, int expected) {
        return new Builder<>(keyOf, expected);
    }

    private static int spread(int hash) {
        return hash ^ (hash >>> 16);
    }

    /** The slot holding {@code key}'s value, or the empty slot where it would go. */
    private static <K, V> int slot(Object[] values, int[] hashes, Function<V, K> keyOf, Object key, int hash) {
        int mask = values.length - 1;
        for (int i = hash & mask; ; i = (i + 1) & mask) {
            Object value = values[i];
            if (value == null) {
                return i;
            }
            if (hashes[i] == hash) {
                @SuppressWarnings("unchecked")
                K other = keyOf.apply((V) value);
                if (other == key || other.equals(key)) {
                    return i;
                }
            }
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public V get(Object key) {
        if (key == null) {
            return null;
        }
        return (V) values[slot(values, hashes, keyOf, key, spread(key.hashCode()))];
    }

    @Override
    public boolean containsKey(Object key) {
        return get(key) != null;
    }

    @Override
    public V getOrDefault(Object key, V fallback) {
        V value = get(key);
        return value != null ? value : fallback;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public boolean isEmpty() {
        return size == 0;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void forEach(BiConsumer<? super K, ? super V> action) {
        for (Object value : values) {
            if (value != null) {
                action.accept(keyOf.apply((V) value), (V) value);
            }
        }
    }

    @Override
    public Collection<V> values() {
        return new AbstractCollection<>() {
            @Override
            public Iterator<V> iterator() {
                return new Slots<V, V>(values, v -> v);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<K> keySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<K> iterator() {
                return new Slots<V, K>(values, keyOf);
            }

            @Override
            public boolean contains(Object key) {
                return containsKey(key);
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    @Override
    public Set<Entry<K, V>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public Iterator<Entry<K, V>> iterator() {
                return new Slots<V, Entry<K, V>>(values, v -> new AbstractMap.SimpleImmutableEntry<>(keyOf.apply(v), v));
            }

            @Override
            public int size() {
                return size;
            }
        };
    }

    /** The values of the filled slots, each as {@code as} makes it. */
    private static final class Slots<V, T> implements Iterator<T> {
        private final Object[] values;
        private final Function<V, T> as;
        private int next;

        Slots(Object[] values, Function<V, T> as) {
            this.values = values;
            this.as = as;
            skip();
        }

        private void skip() {
            while (next < values.length && values[next] == null) {
                next++;
            }
        }

        @Override
        public boolean hasNext() {
            return next < values.length;
        }

        @Override
        @SuppressWarnings("unchecked")
        public T next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            T out = as.apply((V) values[next++]);
            skip();
            return out;
        }
    }

    /** Puts values in, a later value replacing an earlier one of the same key, then {@link #build()}s the map once. */
    public static final class Builder<K, V> {
        private final Function<V, K> keyOf;
        private Object[] values;
        private int[] hashes;
        private int size;

        private Builder(Function<V, K> keyOf, int expected) {
            this.keyOf = Objects.requireNonNull(keyOf, "keyOf");
            int capacity = Integer.highestOneBit(Math.max(8, expected) * 2 - 1) * 2;
            values = new Object[capacity];
            hashes = new int[capacity];
        }

        public Builder<K, V> put(V value) {
            K key = Objects.requireNonNull(keyOf.apply(Objects.requireNonNull(value, "value")), "key");
            int hash = spread(key.hashCode());
            int i = slot(values, hashes, keyOf, key, hash);
            if (values[i] == null) {
                size++;
            }
            values[i] = value;
            hashes[i] = hash;
            if (size * 2 > values.length) {
                grow();
            }
            return this;
        }

        /** The value of {@code key} put so far, or null. */
        @SuppressWarnings("unchecked")
        public V get(K key) {
            return (V) values[slot(values, hashes, keyOf, key, spread(key.hashCode()))];
        }

        public int size() {
            return size;
        }

        /** The values put so far, in no order. */
        public Collection<V> values() {
            return new KeyedMap<>(keyOf, values, hashes, size).values();
        }

        /** The map of what was put; the builder is spent (a later put is an error). */
        public KeyedMap<K, V> build() {
            KeyedMap<K, V> map = new KeyedMap<>(keyOf, values, hashes, size);
            values = null;
            hashes = null;
            return map;
        }

        /** Twice the slots: each value goes where its stored hash says, its key not asked again. */
        private void grow() {
            Object[] oldValues = values;
            int[] oldHashes = hashes;
            values = new Object[oldValues.length * 2];
            hashes = new int[values.length];
            int mask = values.length - 1;
            for (int j = 0; j < oldValues.length; j++) {
                if (oldValues[j] != null) {
                    int i = oldHashes[j] & mask;
                    while (values[i] != null) {
                        i = (i + 1) & mask;
                    }
                    values[i] = oldValues[j];
                    hashes[i] = oldHashes[j];
                }
            }
        }
    }
}
