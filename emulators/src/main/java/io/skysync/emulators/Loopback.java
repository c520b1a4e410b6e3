package io.skysync.emulators;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where every emulator listens: the loopback interface only, never a wildcard address. */
final class Loopback {
    static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /**
     * DynamoDB Local extracts its SQLite natives into {@code java.io.tmpdir} and fails with an obscure
     * error when that folder is missing (as it is in some sandboxes); create it first.
     */
    static void ensureTempDirExists() {
        try {
            Files.createDirectories(Path.of(System.getProperty("java.io.tmpdir")));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create java.io.tmpdir, which DynamoDB Local needs for its natives", e);
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the emulator data folder " + dir, e);
        }
    }
}
