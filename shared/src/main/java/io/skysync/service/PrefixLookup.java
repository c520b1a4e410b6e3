package io.skysync.service;

import io.skysync.domain.ContentHash;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Finds which of many content hashes a hash-keyed collection holds (a vault's blobs in storage, the
 * manifest's blob records) with few requests, whatever the sizes: a few hashes are looked up one by
 * one; for many, the first page of the whole collection shows how dense it is, the hashes are
 * grouped by the hex prefix that makes the cost least, and each group is either listed (the
 * listing of its prefix, page by page, up to its last hash) or looked up, whichever costs less.
 * A page counts {@link #pageCost} lookups (docs/performance.md, "Knowing which blobs a vault holds").
 *
 * <p>The collection must list in hex order of the hashes, as S3, Azure Blob Storage and Azure Table
 * keys do (lowercase hex sorts as numbers), so a page answers for every hash between its bounds.
 */
public final class PrefixLookup<V> {
    /**
     * What a page of a blob storage listing (S3 ListObjectsV2, Azure List Blobs) costs, in lookups
     * (HEAD, Get Blob Properties): it bills like about twelve lookups, and a prefix's pages follow
     * one another while lookups run several at a time (docs/performance.md). At four, a commit
     * among 100 000 blobs listed 112 pages to find 1000 of them.
     */
    public static final double STORAGE_PAGE_COST = 12;
    /** What a page of an Azure Table range query costs, in point reads: both bill alike, a page reads more. */
    public static final double TABLE_PAGE_COST = 2;
    /**
     * Up to this many hashes are looked up at once; more are worth a first page, which answers for
     * all of them in a collection of one page (most vaults' blobs, most of a first sync's calls).
     */
    private static final int FEW = 4;
    /** Longer prefixes than this never pay: 16^8 groups hold at most one hash of any call. */
    private static final int MAX_PREFIX = 8;
    private static final int DENSITY_DIGITS = 12;

    private final Source<V> source;
    private final int pageSize;
    private final double pageCost;

    /** What a collection offers: lookups of given hashes, and pages of a prefix's listing. */
    public interface Source<V> {
        /** The values of these hashes; hashes the collection lacks are left out. */
        Map<ContentHash, V> lookup(Collection<ContentHash> hashes);

        /**
         * One page of the collection's hashes that start with {@code hexPrefix} ({@code ""}: all), in
         * hex order, from {@code continuation} (null: the first page).
         */
        Page<V> page(String hexPrefix, String continuation);
    }

    /**
     * One page: what it holds, and where the next one starts (null: this was the last).
     *
     * @param found the page's hashes and values (any map; the order is not relied on)
     */
    public record Page<V>(Map<ContentHash, V> found, String next) {
        public Page {
            Objects.requireNonNull(found, "found");
        }
    }

    /**
     * @param pageSize how many hashes a full page holds (S3: 1000, Azure Blob Storage: 5000, Azure Table: 1000)
     * @param pageCost what one page costs, in lookups
     */
    public PrefixLookup(Source<V> source, int pageSize, double pageCost) {
        if (pageSize < 1 || pageCost <= 0) {
            throw new IllegalArgumentException("pageSize and pageCost must be positive");
        }
        this.source = Objects.requireNonNull(source, "source");
        this.pageSize = pageSize;
        this.pageCost = pageCost;
    }

    /** The values of the hashes the collection holds among {@code hashes}; the others are left out. */
    public Map<ContentHash, V> find(Collection<ContentHash> hashes) {
        TreeMap<String, ContentHash> wanted = new TreeMap<>();
        hashes.forEach(h -> wanted.put(h.hex(), h));
        if (wanted.size() <= Math.min(FEW, pageCost)) {
            return wanted.isEmpty() ? Map.of() : source.lookup(wanted.values());
        }
        Map<ContentHash, V> out = new HashMap<>();
        Page<V> first = source.page("", null);
        String last = resolve(first, "", wanted, out);
        if (wanted.isEmpty()) {
            return out;
        }
        double estimatedTotal = pageSize / covered(last);
        int prefix = cheapestPrefix(wanted.navigableKeySet(), estimatedTotal);
        double listCost = pages(estimatedTotal, prefix) * pageCost;
        List<ContentHash> lookups = new ArrayList<>();
        for (List<String> group : groups(wanted.navigableKeySet(), prefix)) {
            if (prefix > 0 && listCost < group.size()) {
                list(group.get(0).substring(0, prefix), group.get(group.size() - 1), wanted, out);
            }
            group.stream().map(wanted::get).filter(Objects::nonNull).forEach(lookups::add);
        }
        if (!lookups.isEmpty()) {
            out.putAll(source.lookup(lookups));
        }
        return out;
    }

    /** Lists {@code prefix} page by page until the listing has passed {@code upTo}. */
    private void list(String prefix, String upTo, TreeMap<String, ContentHash> wanted, Map<ContentHash, V> out) {
        String continuation = null;
        do {
            Page<V> page = source.page(prefix, continuation);
            String last = resolve(page, prefix, wanted, out);
            continuation = page.next();
            if (last.compareTo(upTo) >= 0) {
                return;
            }
        } while (continuation != null);
    }

    /**
     * Takes every wanted hash the page answers for out of {@code wanted} (into {@code out} if the page
     * holds it): those up to its last hash, or all under the prefix if it was the last page. Answers
     * the highest hash the page answered for.
     */
    private String resolve(Page<V> page, String prefix, TreeMap<String, ContentHash> wanted, Map<ContentHash, V> out) {
        String last = page.next() == null ? prefix + "g" : page.found().keySet().stream().map(ContentHash::hex)
                .max(String::compareTo).orElse(prefix);
        NavigableSet<String> answered = wanted.navigableKeySet().subSet(prefix, true, last, true);
        for (String hex : new ArrayList<>(answered)) {
            ContentHash hash = wanted.remove(hex);
            V value = page.found().get(hash);
            if (value != null) {
                out.put(hash, value);
            }
        }
        return last;
    }

    /** The fraction of all hashes at or below {@code last} ({@code "g"} and above: all). */
    private static double covered(String last) {
        if (last.isEmpty() || last.charAt(0) > 'f') {
            return 1;
        }
        String digits = (last + "0".repeat(DENSITY_DIGITS)).substring(0, DENSITY_DIGITS);
        return (Long.parseLong(digits, 16) + 1.0) / Math.pow(16, DENSITY_DIGITS);
    }

    /** The prefix length whose groups cost least (0: look every hash up). */
    private int cheapestPrefix(NavigableSet<String> wanted, double total) {
        int best = 0;
        double bestCost = wanted.size();
        for (int prefix = 1; prefix <= MAX_PREFIX; prefix++) {
            double listCost = pages(total, prefix) * pageCost;
            double cost = 0;
            for (List<String> group : groups(wanted, prefix)) {
                cost += Math.min(group.size(), listCost);
            }
            if (cost < bestCost) {
                best = prefix;
                bestCost = cost;
            }
        }
        return best;
    }

    /** The pages one prefix of that length likely takes to list. */
    private double pages(double total, int prefix) {
        return Math.max(1, Math.ceil(total / Math.pow(16, prefix) / pageSize));
    }

    private static List<List<String>> groups(NavigableSet<String> sorted, int prefix) {
        List<List<String>> groups = new ArrayList<>();
        List<String> current = null;
        for (String hex : sorted) {
            if (current == null || !hex.regionMatches(0, current.get(0), 0, prefix)) {
                current = new ArrayList<>();
                groups.add(current);
            }
            current.add(hex);
        }
        return groups;
    }
}
