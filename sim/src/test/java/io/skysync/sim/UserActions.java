package io.skysync.sim;

import io.skysync.client.scan.IgnoreRules;
import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * What a user does to a sync root between syncs. A user never holds two names that differ only by
 * Unicode normalization (writing "café" where an NFD "café" exists edits that file), as on a Mac;
 * names with accents are sometimes written in NFD, as macOS writes them.
 */
final class UserActions {
    static final List<String> FOLDERS = List.of("", "docs/", "docs/deep/", "Music/");
    static final List<String> NAMES = List.of("a.txt", "b.txt", "notes.md", "café.txt", "Ünïcode.bin", "x", "data.bin",
            "Read Me.txt");
    static final List<String> MOVE_TARGETS = List.of("archive", "Docs2", "docs/moved", "Music/old");

    /** What an action did: the NFC paths it touched and the contents it wrote. */
    record Effect(Set<String> touched, List<byte[]> written, String description) {
    }

    /** Touched times start here (2030), far from the clock's, so a touch is always a change. */
    static final long TOUCH_BASE_MILLIS = 1_893_456_000_000L;
    private final long seed;

    UserActions(long seed) {
        this.seed = seed;
    }

    Effect apply(Op op, Path root) throws IOException {
        return switch (op.kind()) {
            case CREATE -> create(op, root);
            case EDIT -> edit(op, root);
            case DELETE -> delete(op, root);
            case RENAME -> rename(op, root, target(op.p2(), op.p2() % 3 == 0));
            case CASE_RENAME -> caseRename(op, root);
            case MOVE_FOLDER -> moveFolder(op, root);
            default -> throw new IllegalArgumentException(op.kind() + " is not a user action");
        };
    }

    /** Writes a new content over the file at this NFC path, wherever the device holds it. */
    Effect overwrite(Op op, Path root, String nfcPath, int device) throws IOException {
        String local = files(root).get(nfcPath);
        if (local == null) {
            return none("no " + nfcPath);
        }
        Path file = root.resolve(local);
        byte[] content = SimDevice.CHUNK_SIZES.chunked(Files.size(file)) && op.p2() % 2 == 0
                ? smallEdit(op, device, Files.readAllBytes(file)) : content(op, device, Files.size(file));
        Files.write(file, content);
        return new Effect(Set.of(nfcPath), List.of(content), "edit " + local + " (" + content.length + " bytes)");
    }

    private Effect create(Op op, Path root) throws IOException {
        String name = target(op.p1(), op.p1() % 2 == 0);
        String existing = files(root).get(nfc(name));
        String local = existing != null ? existing : name;
        Path file = root.resolve(local);
        if (!parentsUsable(root, local)) {
            return none("cannot create " + local);
        }
        Files.createDirectories(file.getParent());
        if (Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
            return none(local + " is a folder");
        }
        byte[] content = content(op, op.device(), -1);
        Files.write(file, content);
        return new Effect(Set.of(nfc(local)), List.of(content), "write " + local + " (" + content.length + " bytes)");
    }

    private Effect edit(Op op, Path root) throws IOException {
        String path = pick(files(root).keySet(), op.p1());
        return path == null ? none("nothing to edit") : overwrite(op, root, path, op.device());
    }

    private Effect delete(Op op, Path root) throws IOException {
        TreeMap<String, String> files = files(root);
        String path = pick(files.keySet(), op.p1());
        if (path == null) {
            return none("nothing to delete");
        }
        Files.delete(root.resolve(files.get(path)));
        return new Effect(Set.of(path), List.of(), "delete " + files.get(path));
    }

    private Effect rename(Op op, Path root, String to) throws IOException {
        TreeMap<String, String> files = files(root);
        String path = pick(files.keySet(), op.p1());
        if (path == null || files.containsKey(nfc(to)) || !parentsUsable(root, to)) {
            return none("no rename");
        }
        Path target = root.resolve(to);
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return none("rename target exists");
        }
        Files.createDirectories(target.getParent());
        Files.move(root.resolve(files.get(path)), target);
        return new Effect(Set.of(path, nfc(to)), List.of(), "rename " + files.get(path) + " -> " + to);
    }

    private Effect caseRename(Op op, Path root) throws IOException {
        TreeMap<String, String> files = files(root);
        String path = pick(files.keySet(), op.p1());
        if (path == null) {
            return none("nothing to rename");
        }
        String local = files.get(path);
        int slash = local.lastIndexOf('/');
        String name = local.substring(slash + 1);
        char first = name.charAt(0);
        char flipped = Character.isUpperCase(first) ? Character.toLowerCase(first) : Character.toUpperCase(first);
        if (flipped == first) {
            return none("no case to change in " + local);
        }
        String to = local.substring(0, slash + 1) + flipped + name.substring(1);
        if (files.containsKey(nfc(to))) {
            return none("case twin exists");
        }
        Files.move(root.resolve(local), root.resolve(to));
        return new Effect(Set.of(path, nfc(to)), List.of(), "case-rename " + local + " -> " + to);
    }

    private Effect moveFolder(Op op, Path root) throws IOException {
        List<String> folders = folders(root);
        String from = pick(folders, op.p1());
        String to = MOVE_TARGETS.get((int) (op.p2() % MOVE_TARGETS.size()));
        if (from == null || to.equals(from) || to.startsWith(from + "/") || Files.exists(root.resolve(to))
                || !parentsUsable(root, to + "/x")) {
            return none("no folder move");
        }
        TreeMap<String, String> before = files(root);
        Files.createDirectories(root.resolve(to).getParent());
        Files.move(root.resolve(from), root.resolve(to));
        Set<String> touched = new TreeSet<>();
        before.forEach((nfcPath, local) -> {
            if (local.startsWith(from + "/")) {
                touched.add(nfcPath);
                touched.add(nfc(to + local.substring(from.length())));
            }
        });
        return new Effect(touched, List.of(), "move folder " + from + " -> " + to);
    }

    /** Sets a file's modification time only (a {@code touch}, a restore from a backup): its content stays. */
    Effect touch(Op op, Path root) throws IOException {
        TreeMap<String, String> files = files(root);
        String path = pick(files.keySet(), op.p2());
        if (path == null) {
            return none("nothing to touch");
        }
        FileTime time = FileTime.fromMillis(TOUCH_BASE_MILLIS + (op.p2() % 1_000_000) * 1000);
        Files.setLastModifiedTime(root.resolve(files.get(path)), time);
        return new Effect(Set.of(), List.of(), "touch " + files.get(path) + " to " + time);
    }

    /** A chunked file with a few bytes inserted at one place: most of its chunks stay the same blobs. */
    byte[] smallEdit(Op op, int device, byte[] previous) {
        Random random = new Random(seed ^ (op.p2() * 17 + device) ^ ((long) op.index() << 40));
        byte[] insert = ("op" + op.index() + "-dev" + device + ";").getBytes(StandardCharsets.UTF_8);
        int at = random.nextInt(previous.length + 1);
        byte[] out = new byte[previous.length + insert.length];
        System.arraycopy(previous, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(previous, at, out, at + insert.length, previous.length - at);
        return out;
    }

    /** Content for this step: sizes 0 (8%), 1..200 bytes (mostly), 8..64 KiB (3%); same size as before 30% of edits. */
    byte[] content(Op op, int device, long previousSize) {
        Random random = new Random(seed ^ (op.p2() * 31 + device) ^ ((long) op.index() << 40));
        int sizeClass = (int) (op.p2() % 100);
        int size;
        if (previousSize >= 8 && random.nextInt(100) < 30) {
            size = (int) previousSize;
        } else if (sizeClass < 8) {
            size = 0;
        } else if (sizeClass < 97) {
            size = 1 + random.nextInt(200);
        } else {
            // Above 16 KiB most of these are chunked (SimDevice.CHUNK_SIZES).
            size = 8 * 1024 + random.nextInt(56 * 1024);
        }
        byte[] bytes = new byte[size];
        random.nextBytes(bytes);
        byte[] tag = ("op" + op.index() + "-dev" + device + ";").getBytes(StandardCharsets.UTF_8);
        System.arraycopy(tag, 0, bytes, 0, Math.min(tag.length, size));
        return bytes;
    }

    /** The user's files: NFC path to the name on disk, skysync's own files left out. */
    static TreeMap<String, String> files(Path root) throws IOException {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                    continue;
                }
                String rel = relative(root, p);
                if (!IgnoreRules.isInternal(rel)) {
                    out.put(nfc(rel), rel);
                }
            }
        }
        return out;
    }

    /** Every file under the root, skysync's temp files included (its staging folder too, not the rest of its state). */
    static List<String> allFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = relative(root, p);
                boolean state = rel.startsWith(".skysync/") && !rel.startsWith(".skysync/tmp/");
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && !state) {
                    out.add(rel);
                }
            }
        }
        return out;
    }

    static String hash(Path file) throws IOException {
        return ContentHash.ofBytes(Files.readAllBytes(file)).hex();
    }

    static String relative(Path root, Path p) {
        StringBuilder out = new StringBuilder();
        for (Path part : root.relativize(p)) {
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }

    static String nfc(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFC);
    }

    /** The user's folders, NFC, skysync's own left out: two converged devices have the server's. */
    static Set<String> folderSet(Path root) throws IOException {
        Set<String> out = new TreeSet<>();
        folders(root).forEach(f -> out.add(nfc(f)));
        return out;
    }

    private static List<String> folders(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                String rel = relative(root, p);
                if (!rel.isEmpty() && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS) && !IgnoreRules.isInternal(rel)) {
                    out.add(rel);
                }
            }
        }
        out.sort(null);
        return out;
    }

    /** No parent of {@code rel} is a file (a user cannot put a file under a file). */
    private static boolean parentsUsable(Path root, String rel) {
        Path current = root;
        String[] parts = rel.split("/");
        for (int i = 0; i < parts.length - 1; i++) {
            current = current.resolve(parts[i]);
            if (Files.exists(current, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                return false;
            }
        }
        return true;
    }

    private static String target(long choice, boolean nfd) {
        String name = FOLDERS.get((int) (choice % FOLDERS.size())) + NAMES.get((int) ((choice / 7) % NAMES.size()));
        return nfd ? Normalizer.normalize(name, Normalizer.Form.NFD) : name;
    }

    private static String pick(Collection<String> from, long choice) {
        if (from.isEmpty()) {
            return null;
        }
        List<String> sorted = new ArrayList<>(from);
        sorted.sort(null);
        return sorted.get((int) (choice % sorted.size()));
    }

    private static Effect none(String why) {
        return new Effect(Set.of(), List.of(), "(nothing: " + why + ")");
    }
}
