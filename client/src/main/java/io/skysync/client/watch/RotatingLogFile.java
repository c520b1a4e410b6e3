package io.skysync.client.watch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A log file that never grows past {@code maxBytes}: when a line would pass it, {@code name} becomes
 * {@code name.1}, {@code name.1} becomes {@code name.2} and so on, the oldest beyond {@code keep}
 * is dropped. Lines are appended whole and flushed, so a crash loses at most the line being written.
 */
public final class RotatingLogFile implements AutoCloseable {
    private final Path file;
    private final long maxBytes;
    private final int keep;
    private OutputStream out;
    private long size;

    public RotatingLogFile(Path file, long maxBytes, int keep) throws IOException {
        if (maxBytes < 1 || keep < 1) {
            throw new IllegalArgumentException("maxBytes and keep must be positive");
        }
        this.file = file.toAbsolutePath();
        this.maxBytes = maxBytes;
        this.keep = keep;
        Files.createDirectories(this.file.getParent());
        open();
    }

    /** 1 MiB per file, the current one and 3 older ones. */
    public static RotatingLogFile standard(Path file) throws IOException {
        return new RotatingLogFile(file, 1024 * 1024, 3);
    }

    public synchronized void append(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        if (size > 0 && size + bytes.length > maxBytes) {
            rotate();
        }
        out.write(bytes);
        out.flush();
        size += bytes.length;
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        out.close();
    }

    private void rotate() throws IOException {
        out.close();
        Files.deleteIfExists(numbered(keep));
        for (int n = keep - 1; n >= 1; n--) {
            if (Files.exists(numbered(n))) {
                Files.move(numbered(n), numbered(n + 1), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Files.move(file, numbered(1), StandardCopyOption.REPLACE_EXISTING);
        open();
    }

    private Path numbered(int n) {
        return file.resolveSibling(file.getFileName() + "." + n);
    }

    private void open() throws IOException {
        out = Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        size = Files.size(file);
    }
}
