package io.skysync.client.scan;

import io.skysync.domain.ContentHash;
import java.nio.file.Path;
import java.util.List;

/** Computes SHA-256 of files. Implementations may work in parallel; results come back in input order. */
public interface Hasher {

    /** One file's outcome: its hash, or why it could not be read. */
    record Result(Path file, ContentHash hash, String error) {
        public boolean ok() {
            return hash != null;
        }
    }

    List<Result> hash(List<Path> files);

    /** The same, told each file's size as the scan saw it ({@code sizes.get(i)} for {@code files.get(i)}), so none is asked again. */
    default List<Result> hash(List<Path> files, List<Long> sizes) {
        return hash(files);
    }

    /**
     * The same for files below {@code root}, each opened from the root one folder at a time without
     * following a link, where the platform allows (docs/security.md, "Reading the sync root"): a
     * folder swapped for a link after the walk saw it is refused, not followed out of the root.
     * Without an override, the files are opened by their paths.
     */
    default List<Result> hash(Path root, List<Path> files, List<Long> sizes) {
        return hash(files, sizes);
    }
}
