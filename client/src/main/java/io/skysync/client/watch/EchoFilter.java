package io.skysync.client.watch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Tells a sync's own writes from new changes: a file event for a path the last sync wrote (a
 * download, a local deletion, a conflict copy) whose file is still as the sync left it is the
 * sync's echo, not a change to send. Judged by the file's state, not by timing. A person who
 * edits that very file in the instant before the sync ends is caught by the next event or the
 * periodic rescan.
 */
final class EchoFilter {
    private record Seen(boolean exists, long size, long modifiedMillis) {
    }

    private final Path root;
    private final Map<String, Seen> written = new HashMap<>();

    EchoFilter(Path root) {
        this.root = root;
    }

    void clear() {
        written.clear();
    }

    /** Remembers how the sync left each of {@code paths} (vault paths, relative to the root). */
    void remember(Collection<String> paths) {
        for (String path : paths) {
            written.put(key(path), seen(root.resolve(path)));
        }
    }

    boolean isEcho(Path file) {
        if (!file.startsWith(root)) {
            return false;
        }
        Seen before = written.get(key(root.relativize(file).toString()));
        return before != null && before.equals(seen(file));
    }

    private static String key(String relative) {
        return Normalizer.normalize(relative.replace('\\', '/'), Normalizer.Form.NFC);
    }

    private static Seen seen(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return new Seen(true, attributes.size(), attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return new Seen(false, 0, 0);
        }
    }
}
