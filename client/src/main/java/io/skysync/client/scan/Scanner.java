package io.skysync.client.scan;

import io.skysync.client.index.IndexRow;
import io.skysync.client.index.KeyedMap;
import io.skysync.domain.ContentHash;
import io.skysync.domain.Folder;
import io.skysync.domain.VaultPath;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Walks a sync root without following symlinks and returns every regular file with its hash,
 * reusing the index's hash when size, modification time and file key are unchanged, and every
 * folder below the root (content {@link Folder#MARK}, size 0: nothing to hash). Walking is kept apart
 * from deciding: the scan only reports what is on disk.
 */
public final class Scanner {
    /**
     * The coarsest modification-time granularity among common file systems (FAT: 2 s). A file
     * modified this close to the scan could be written again with the same size and time.
     */
    public static final Duration RACY_WINDOW = Duration.ofSeconds(2);
    private final Path root;
    private final String rootText;
    private final char separator;
    private final IgnoreRules ignore;
    private final Hasher hasher;
    private final Clock clock;
    private final boolean modes;

    public Scanner(Path root, IgnoreRules ignore, Hasher hasher) {
        this(root, ignore, hasher, Clock.systemUTC());
    }

    /** @param clock the time the file system stamps modifications with (the engine's clock) */
    public Scanner(Path root, IgnoreRules ignore, Hasher hasher, Clock clock) {
        this(root, ignore, hasher, clock, FileModes.keptAt(root));
    }

    /** @param modes whether the root's volume keeps mode bits ({@link FileModes}); without, every bit is unknown */
    Scanner(Path root, IgnoreRules ignore, Hasher hasher, Clock clock, boolean modes) {
        this.modes = modes;
        this.root = root;
        this.rootText = root.toString();
        this.separator = root.getFileSystem().getSeparator().charAt(0);
        this.ignore = ignore;
        this.hasher = hasher;
        this.clock = clock;
    }

    /** A file seen on disk, before its hash is known. */
    private record Seen(VaultPath path, String localName, Path file, long size, long mtimeNanos, String fileKey,
                        Boolean executable) {
    }

    private static String key(BasicFileAttributes attrs) {
        Object key = attrs.fileKey();
        return key == null ? null : key.toString();
    }

    public ScanResult scan(Map<VaultPath, IndexRow> index) throws IOException {
        if (!Files.isDirectory(root, LinkOption.NOFOLLOW_LINKS) || !Files.isReadable(root)) {
            throw new RootUnavailableException(root);
        }
        Instant started = clock.instant();
        long racyFrom = TimeUnit.SECONDS.toNanos(started.getEpochSecond()) + started.getNano() - RACY_WINDOW.toNanos();
        List<Seen> seen = new ArrayList<>();
        // Files whose status matches their row, as the walk meets them: what the scan keeps of an
        // unchanged file is the row's own objects and this entry, not the walk's path and strings
        // (1 000 000 of them live to the end of the walk otherwise, docs/performance.md).
        KeyedMap.Builder<VaultPath, LocalFile> unchanged = KeyedMap.builder(LocalFile::path, index.size());
        List<LocalFile> folders = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        List<Path> temps = new ArrayList<>();
        Set<VaultPath> unreadable = new HashSet<>();
        TreeWalk.walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.equals(root)) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(dir);
                if (ignore.ignored(rel, true)) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                String nfc = Normalizer.normalize(rel, Normalizer.Form.NFC);
                if (VaultPath.isValid(nfc)) {
                    VaultPath path = VaultPath.of(nfc);
                    folders.add(new LocalFile(path, rel, 0, attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS),
                            key(attrs), Folder.MARK));
                } else {
                    skipped.add("skipped folder " + rel + ": its name is not a valid vault path");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String rel = relative(file);
                if (IgnoreRules.isInternal(rel)) {
                    if (file.getFileName().toString().startsWith(IgnoreRules.TEMP_PREFIX) && attrs.isRegularFile()) {
                        temps.add(file);
                    }
                    return FileVisitResult.CONTINUE;
                }
                if (ignore.ignored(rel, attrs.isDirectory())) {
                    return FileVisitResult.CONTINUE;
                }
                if (attrs.isSymbolicLink()) {
                    skipped.add("skipped symlink " + rel + " (links are not followed)");
                    return FileVisitResult.CONTINUE;
                }
                if (!attrs.isRegularFile()) {
                    skipped.add("skipped " + rel + " (not a regular file)");
                    return FileVisitResult.CONTINUE;
                }
                VaultPath path;
                try {
                    path = VaultPath.normalized(rel);
                } catch (SkysyncException e) {
                    skipped.add("skipped " + rel + ": " + e.getMessage());
                    return FileVisitResult.CONTINUE;
                }
                long size = attrs.size();
                long mtime = attrs.lastModifiedTime().to(TimeUnit.NANOSECONDS);
                String fileKey = key(attrs);
                Boolean executable = modes ? ExecutableBit.of(attrs, file) : null;
                // Only an NFC name: another name may normalize to it, which hashAll settles over all names.
                IndexRow row = path.value().equals(rel) ? index.get(path) : null;
                if (unchangedSince(row, rel, size, mtime, fileKey)) {
                    unchanged.put(reused(row, size, mtime, executable));
                } else {
                    seen.add(new Seen(path, rel, file, size, mtime, fileKey, executable));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (file.equals(root)) {
                    throw e;
                }
                String rel = relative(file);
                skipped.add("cannot read " + rel + ": " + e.getMessage());
                if (VaultPath.isValid(Normalizer.normalize(rel, Normalizer.Form.NFC))) {
                    // Anything under it might be in the index: never take it as deleted.
                    VaultPath asPath = VaultPath.normalized(rel);
                    unreadable.add(asPath);
                    index.keySet().stream().filter(p -> p.value().startsWith(asPath.value() + "/"))
                            .forEach(unreadable::add);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return hashAll(unchanged, seen, folders, index, skipped, temps, unreadable, racyFrom);
    }

    /** The file's name and status are those its row holds: its content is taken as the row's without reading it. */
    private static boolean unchangedSince(IndexRow row, String localName, long size, long mtimeNanos, String fileKey) {
        return row != null && row.local() != null && row.localName().equals(localName)
                && row.local().sameStat(size, mtimeNanos, fileKey);
    }

    /** The row's own name, path and key (equal to the scan's): a large tree's scan keeps no second copy. */
    private static LocalFile reused(IndexRow row, long size, long mtimeNanos, Boolean executable) {
        return new LocalFile(row.path(), row.localName(), size, mtimeNanos, row.local().fileKey(), row.localHash(), executable);
    }

    /** @param unchanged the NFC-named files the walk found unchanged since their row, handed over as the result's start */
    private ScanResult hashAll(KeyedMap.Builder<VaultPath, LocalFile> unchanged, List<Seen> seen, List<LocalFile> folders,
                               Map<VaultPath, IndexRow> index, List<String> skipped, List<Path> temps,
                               Set<VaultPath> unreadable, long racyFrom) {
        // Two names on disk can share a vault path only if one of them is not NFC (the other form beside
        // it): a tree of NFC names, the common case, needs no map of clashes.
        boolean allNfc = folders.stream().allMatch(f -> f.path().value().equals(f.localName()))
                && seen.stream().allMatch(s -> s.path.value().equals(s.localName));
        KeyedMap.Builder<VaultPath, LocalFile> files;
        Collection<Seen> chosen;
        if (allNfc) {
            files = unchanged;
            folders.forEach(files::put);
            chosen = seen;
        } else {
            // The unchanged files take part in the choice between names like any other (and match their rows again).
            List<Seen> all = new ArrayList<>(seen);
            unchanged.values().forEach(f -> all.add(new Seen(f.path(), f.localName(), file(f.localName()), f.size(),
                    f.mtimeNanos(), f.fileKey(), f.executable())));
            files = KeyedMap.builder(LocalFile::path, all.size() + folders.size());
            chosen = withoutClashes(all, folders, files, skipped);
        }
        List<Seen> toHash = new ArrayList<>();
        for (Seen s : chosen) {
            IndexRow row = index.get(s.path);
            if (unchangedSince(row, s.localName, s.size, s.mtimeNanos, s.fileKey)) {
                files.put(reused(row, s.size, s.mtimeNanos, s.executable));
            } else {
                toHash.add(s);
            }
        }
        toHash.sort((a, b) -> a.localName.compareTo(b.localName));
        List<Hasher.Result> results = hasher.hash(root, toHash.stream().map(Seen::file).toList(),
                toHash.stream().map(s -> s.size).toList());
        for (int i = 0; i < toHash.size(); i++) {
            Seen s = toHash.get(i);
            Hasher.Result r = results.get(i);
            ContentHash hash = r.hash();
            if (hash == null) {
                skipped.add("cannot read " + s.localName + ": " + r.error());
                unreadable.add(s.path);
                continue;
            }
            files.put(new LocalFile(s.path, s.localName, s.size, s.mtimeNanos, s.fileKey, hash, s.executable));
        }
        return new ScanResult(files.build(), unreadable, skipped, temps, toHash.size(), racyFrom);
    }

    /**
     * Puts the folders into {@code files} and returns the files to sync, where two names on disk normalize to one
     * vault path (NFC and NFD side by side): the first name in sorted order is synced, the other skipped, and a
     * folder wins over a file. Clashes are rare, so only they are sorted.
     */
    private static Collection<Seen> withoutClashes(List<Seen> seen, List<LocalFile> folders,
                                                   KeyedMap.Builder<VaultPath, LocalFile> files, List<String> skipped) {
        Map<VaultPath, LocalFile> folderByPath = new HashMap<>();
        List<String> folderClashes = new ArrayList<>();
        for (LocalFile folder : folders) {
            LocalFile other = folderByPath.putIfAbsent(folder.path(), folder);
            if (other != null && folder.localName().compareTo(other.localName()) < 0) {
                folderByPath.put(folder.path(), folder);
                folderClashes.add(other.localName());
            } else if (other != null) {
                folderClashes.add(folder.localName());
            }
        }
        folderByPath.values().forEach(files::put);
        folderClashes.stream().sorted().forEach(name ->
                skipped.add("skipped " + name + ": another folder has the same name in another Unicode form"));
        Map<VaultPath, Seen> chosen = new HashMap<>();
        List<String> fileClashes = new ArrayList<>();
        for (Seen s : seen) {
            Seen other = files.get(s.path) != null ? s : chosen.putIfAbsent(s.path, s);
            if (other == s) {
                fileClashes.add(s.localName);
            } else if (other != null && s.localName.compareTo(other.localName) < 0) {
                chosen.put(s.path, s);
                fileClashes.add(other.localName);
            } else if (other != null) {
                fileClashes.add(s.localName);
            }
        }
        fileClashes.stream().sorted().forEach(name ->
                skipped.add("skipped " + name + ": another file has the same name in another Unicode form"));
        return chosen.values();
    }

    /** The file on disk of a name relative to the root, {@code /}-separated. */
    private Path file(String localName) {
        return root.resolve(separator == '/' ? localName : localName.replace('/', separator));
    }

    private String relative(Path file) {
        // The common case in plain string operations: the walk's paths all start with the root's.
        String text = file.toString();
        if (text.length() > rootText.length() + 1 && text.startsWith(rootText)
                && text.charAt(rootText.length()) == separator) {
            String rel = text.substring(rootText.length() + 1);
            return separator == '/' ? rel : rel.replace(separator, '/');
        }
        Path rel = root.relativize(file);
        StringBuilder out = new StringBuilder();
        for (Path part : rel) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part.toString());
        }
        return out.toString();
    }
}
