package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of the root swapped for a link to a folder outside it while the scan runs (someone who
 * can write into the synced folder, or a program racing the scan): nothing outside the root is
 * listed or read, the folder's files are reported unreadable, and the scan goes on.
 */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "links need a privilege there; the path fallback is tested by itself")
class SwappedFolderScanTest {
    private static final String SECRET = "outside the root";
    @TempDir
    Path temp;
    Path root;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        root = Files.createDirectory(temp.resolve("root"));
        outside = Files.createDirectory(temp.resolve("outside"));
    }

    @Test
    void walk_folderBeingListedSwappedForALinkOutside_afterItsFirstSubFolder_neverListsTheOutsideFolder()
            throws IOException {
        for (String name : List.of("a", "b", "c")) {
            write(root.resolve("top/" + name + "/inside.txt"), "in");
            write(outside.resolve(name + "/secret.txt"), SECRET);
        }
        write(root.resolve("sibling/inside.txt"), "in");
        write(outside.resolve("secret.txt"), SECRET);
        List<Path> visited = new ArrayList<>();
        AtomicBoolean swapped = new AtomicBoolean();

        TreeWalk.walk(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (dir.getParent().equals(root.resolve("top")) && !swapped.getAndSet(true)) {
                    swapForLink(root.resolve("top"), temp.resolve("moved-top"));
                    swapForLink(root.resolve("sibling"), temp.resolve("moved-sibling"));
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                visited.add(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) {
                visited.add(file);
                return FileVisitResult.CONTINUE;
            }
        });

        assertThat(swapped).isTrue();
        assertThat(visited).extracting(p -> p.getFileName().toString()).doesNotContain("secret.txt");
        assertThat(visited).as("the folder's own sub-folders, listed through its handle")
                .contains(root.resolve("top/a/inside.txt"), root.resolve("top/b/inside.txt"),
                        root.resolve("top/c/inside.txt"));
    }

    @Test
    void scan_parentFolderSwappedForALinkOutside_betweenTheWalkAndTheHash_hashesNothingOutside_andSaysWhy()
            throws IOException {
        write(root.resolve("docs/f.txt"), "inside");
        write(root.resolve("docs/sub/g.txt"), "inside too");
        write(root.resolve("plain.txt"), "plain");
        write(outside.resolve("f.txt"), SECRET);
        write(outside.resolve("sub/g.txt"), SECRET);
        for (int threads : new int[] {1, 2}) {
            Hasher swapping = swappingFirst(new ParallelHasher(threads), root.resolve("docs"), temp.resolve("moved-" + threads));

            ScanResult scan = new Scanner(root, IgnoreRules.none(), swapping).scan(Map.of());

            assertThat(scan.files().values()).extracting(LocalFile::hash).doesNotContain(sha(SECRET));
            assertThat(scan.files()).doesNotContainKeys(VaultPath.of("docs/f.txt"), VaultPath.of("docs/sub/g.txt"));
            assertThat(scan.unreadable()).contains(VaultPath.of("docs/f.txt"), VaultPath.of("docs/sub/g.txt"));
            assertThat(scan.skipped()).anyMatch(s -> s.startsWith("cannot read docs/f.txt"));
            assertThat(scan.files().get(VaultPath.of("plain.txt")).hash()).isEqualTo(sha("plain"));
            Files.delete(root.resolve("docs"));
            write(root.resolve("docs/f.txt"), "inside");
            write(root.resolve("docs/sub/g.txt"), "inside too");
        }
    }

    @Test
    void hash_manyFilesInFewFolders_allHashed_throughEachFoldersHandle() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            files.add(write(root.resolve("d" + (i % 7) + "/e/f" + i + ".txt"), "content " + i));
        }
        for (int threads : new int[] {1, 3}) {
            List<Hasher.Result> results = new ParallelHasher(threads).hash(root, files,
                    files.stream().map(f -> (long) 1 << 30).toList());

            for (int i = 0; i < files.size(); i++) {
                assertThat(results.get(i).file()).isEqualTo(files.get(i));
                assertThat(results.get(i).hash()).isEqualTo(sha("content " + i));
            }
        }
    }

    /** Hashes with {@code inner} after {@code folder} is moved to {@code movedTo} and a link to the outside put in its place. */
    private Hasher swappingFirst(Hasher inner, Path folder, Path movedTo) {
        return new Hasher() {
            @Override
            public List<Result> hash(List<Path> files) {
                throw new AssertionError("the scan tells the root");
            }

            @Override
            public List<Result> hash(Path scanned, List<Path> files, List<Long> sizes) {
                swapForLink(folder, movedTo);
                return inner.hash(scanned, files, sizes);
            }
        };
    }

    private void swapForLink(Path folder, Path movedTo) {
        try {
            Files.move(folder, movedTo);
            Files.createSymbolicLink(folder, outside);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static ContentHash sha(String content) {
        return ContentHash.ofBytes(content.getBytes(StandardCharsets.UTF_8));
    }
}
