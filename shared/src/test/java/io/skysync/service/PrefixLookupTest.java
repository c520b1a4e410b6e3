package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PrefixLookupTest {
    private static final int PAGE = 100;
    private static final double PAGE_COST = 4;

    @Test
    void find_aFewHashes_looksEachUpAndListsNothing() {
        Keyed collection = new Keyed(500, 1);
        List<ContentHash> wanted = collection.mix(4, 2);

        Map<ContentHash, Long> found = collection.lookup().find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.pages).isZero();
        assertThat(collection.lookups).isEqualTo(4);
    }

    @Test
    void find_manyHashesInACollectionOfOnePage_listsOnePageAndLooksNothingUp() {
        Keyed collection = new Keyed(80, 2);
        List<ContentHash> wanted = collection.mix(300, 40);

        Map<ContentHash, Long> found = collection.lookup().find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.pages).isEqualTo(1);
        assertThat(collection.lookups).isZero();
    }

    @Test
    void find_aThousandHashesInTenPagesOfBlobs_listsAFewPagesInsteadOfAThousandLookups() {
        Keyed collection = new Keyed(10 * PAGE, 3);
        List<ContentHash> wanted = collection.mix(1000, 500);

        Map<ContentHash, Long> found = collection.lookup().find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.cost()).as("pages %d, lookups %d", collection.pages, collection.lookups)
                .isLessThan(1000 / 10.0);
    }

    @Test
    void find_aFewDozenHashesInAHugeCollection_looksThemUpAfterOneProbe() {
        Keyed collection = new Keyed(2000 * PAGE, 4);
        List<ContentHash> wanted = collection.mix(40, 20);

        Map<ContentHash, Long> found = collection.lookup().find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.pages).isEqualTo(1);
        assertThat(collection.lookups).isEqualTo(40);
    }

    /**
     * At storage's page cost: a thousand new blobs among a hundred pages of them (a commit late in a
     * first sync of a big tree) are looked up, not found by listing ten times as many keys as are
     * wanted, page after page (a commit of 100 000 files listed 112 pages per call). Where listing a
     * group costs about as much as its lookups either may be chosen, hence twice.
     */
    @Test
    void find_aThousandHashesAmongAHundredPages_atStoragesPageCost_listsAtMostTwiceAsManyKeysAsAreWanted() {
        Keyed collection = new Keyed(100 * PAGE, 5);
        List<ContentHash> wanted = collection.mix(1000, 1000);

        Map<ContentHash, Long> found = collection.lookup(PrefixLookup.STORAGE_PAGE_COST).find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.pages * PAGE).as("keys listed (pages %d, lookups %d)", collection.pages, collection.lookups)
                .isLessThanOrEqualTo(2 * 1000);
    }

    /** At storage's page cost too, a handful of hashes in a vault of one page is one request, not one each. */
    @Test
    void find_sixHashesInACollectionOfOnePage_atStoragesPageCost_listsOnePage() {
        Keyed collection = new Keyed(PAGE / 2, 6);
        List<ContentHash> wanted = collection.mix(6, 3);

        Map<ContentHash, Long> found = collection.lookup(PrefixLookup.STORAGE_PAGE_COST).find(wanted);

        assertThat(found).isEqualTo(collection.truth(wanted));
        assertThat(collection.pages).isEqualTo(1);
        assertThat(collection.lookups).isZero();
    }

    /** Whatever the sizes: the right answer, and never much more than looking every hash up. */
    @ParameterizedTest(name = "collection {0}, wanted {1}, present {2}")
    @CsvSource({"0, 50, 0", "1, 50, 1", "99, 100, 99", "100, 100, 100", "101, 100, 50", "250, 1000, 250",
            "3000, 10, 5", "3000, 2000, 1000", "30000, 500, 400", "30000, 5000, 100", "60000, 64, 64"})
    void find_anySizes_answersExactlyAndCostsAtMostTheLookupsPlusAFewPages(int size, int wanted, int present) {
        Keyed collection = new Keyed(size, size * 31L + wanted);
        List<ContentHash> hashes = collection.mix(wanted, present);

        Map<ContentHash, Long> found = collection.lookup().find(hashes);

        assertThat(found).isEqualTo(collection.truth(hashes));
        assertThat(collection.cost()).as("pages %d, lookups %d", collection.pages, collection.lookups)
                .isLessThanOrEqualTo(wanted + 3 * PAGE_COST);
    }

    /** A sorted, paged collection of hashes (value: a size) that counts what it is asked. */
    private static final class Keyed implements PrefixLookup.Source<Long> {
        final TreeMap<String, Long> stored = new TreeMap<>();
        final Random random;
        int pages;
        int lookups;

        Keyed(int size, long seed) {
            random = new Random(seed);
            for (int i = 0; i < size; i++) {
                stored.put(hash("stored " + seed + " " + i).hex(), (long) i);
            }
        }

        PrefixLookup<Long> lookup() {
            return lookup(PAGE_COST);
        }

        PrefixLookup<Long> lookup(double pageCost) {
            return new PrefixLookup<>(this, PAGE, pageCost);
        }

        double cost() {
            return lookups + pages * PAGE_COST;
        }

        /** {@code count} hashes, {@code present} of them stored, shuffled. */
        List<ContentHash> mix(int count, int present) {
            List<String> keys = new ArrayList<>(stored.keySet());
            List<ContentHash> out = new ArrayList<>();
            for (int i = 0; i < present; i++) {
                out.add(new ContentHash(keys.remove(random.nextInt(keys.size()))));
            }
            for (int i = present; i < count; i++) {
                out.add(hash("absent " + random.nextLong()));
            }
            Collections.shuffle(out, random);
            return out;
        }

        Map<ContentHash, Long> truth(List<ContentHash> hashes) {
            Map<ContentHash, Long> out = new HashMap<>();
            hashes.forEach(h -> {
                if (stored.containsKey(h.hex())) {
                    out.put(h, stored.get(h.hex()));
                }
            });
            return out;
        }

        @Override
        public Map<ContentHash, Long> lookup(Collection<ContentHash> hashes) {
            lookups += hashes.size();
            return truth(new ArrayList<>(hashes));
        }

        @Override
        public PrefixLookup.Page<Long> page(String hexPrefix, String continuation) {
            pages++;
            String from = continuation == null ? hexPrefix : continuation;
            Map<ContentHash, Long> found = new LinkedHashMap<>();
            String next = null;
            for (Map.Entry<String, Long> e : stored.tailMap(from, continuation == null).entrySet()) {
                if (!e.getKey().startsWith(hexPrefix)) {
                    break;
                }
                if (found.size() == PAGE) {
                    next = new ArrayList<>(found.keySet()).get(PAGE - 1).hex();
                    break;
                }
                found.put(new ContentHash(e.getKey()), e.getValue());
            }
            return new PrefixLookup.Page<>(found, next);
        }
    }

    private static ContentHash hash(String text) {
        return ContentHash.ofBytes(text.getBytes(StandardCharsets.UTF_8));
    }
}
