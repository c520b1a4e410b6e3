package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** The walk hands over what the JDK's would, read through folder handles: same paths, same status, POSIX bits with it. */
class TreeWalkTest {
    @TempDir
    Path root;

    @Test
    @DisabledOnOs(value = OS.WINDOWS, disabledReason = "no POSIX permissions there")
    void walk_eachEntryOnce_withTheStatusAPathLookWouldGive_andItsPosixPermissions() throws IOException {
        Files.createDirectories(root.resolve("a/b"));
        Files.writeString(root.resolve("a/b/run.sh"), "#!/bin/sh");
        Files.setPosixFilePermissions(root.resolve("a/b/run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
        Files.writeString(root.resolve("top.txt"), "top");
        Files.createSymbolicLink(root.resolve("link"), root.resolve("a"));
        Map<Path, BasicFileAttributes> seen = new TreeMap<>();
        List<Path> folders = new ArrayList<>();

        TreeWalk.walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                folders.add(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                assertThat(seen.put(file, attrs)).isNull();
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(folders).containsExactlyInAnyOrder(root, root.resolve("a"), root.resolve("a/b"));
        assertThat(seen).containsOnlyKeys(root.resolve("a/b/run.sh"), root.resolve("top.txt"), root.resolve("link"));
        assertThat(seen.get(root.resolve("link")).isSymbolicLink()).isTrue();
        for (Map.Entry<Path, BasicFileAttributes> entry : seen.entrySet()) {
            PosixFileAttributes byPath = Files.readAttributes(entry.getKey(), PosixFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            assertThat(entry.getValue()).isInstanceOf(PosixFileAttributes.class);
            PosixFileAttributes walked = (PosixFileAttributes) entry.getValue();
            assertThat(walked.fileKey()).isEqualTo(byPath.fileKey());
            assertThat(walked.size()).isEqualTo(byPath.size());
            assertThat(walked.lastModifiedTime()).isEqualTo(byPath.lastModifiedTime());
            assertThat(walked.permissions()).isEqualTo(byPath.permissions());
        }
    }

    @Test
    void walk_skippedSubtree_isNotListed_andTheRestIs() throws IOException {
        Files.createDirectories(root.resolve("skip/inner"));
        Files.writeString(root.resolve("skip/inner/x.txt"), "x");
        Files.createDirectories(root.resolve("keep"));
        Files.writeString(root.resolve("keep/y.txt"), "y");
        List<Path> files = new ArrayList<>();

        TreeWalk.walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return dir.endsWith("skip") ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                files.add(file);
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(files).containsExactly(root.resolve("keep/y.txt"));
    }
}
