package io.skysync.client.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Both forms of the opener (folder handles, checked paths) refuse every way out of the root the same. */
@DisabledOnOs(value = OS.WINDOWS, disabledReason = "links need a privilege there")
class RootFileOpenerTest {
    @TempDir
    Path temp;

    static List<Function<Path, RootFileOpener>> forms() {
        return List.of(RootFileOpener::under, RootFileOpener::byPath);
    }

    @ParameterizedTest
    @MethodSource("forms")
    void open_fileInNestedFolders_readsIt_andTheNextFolderToo(Function<Path, RootFileOpener> form) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Path a = write(root.resolve("x/y/a.txt"), "a");
        Path b = write(root.resolve("x/z/b.txt"), "b");
        Path c = write(root.resolve("c.txt"), "c");
        try (RootFileOpener opener = form.apply(root)) {
            assertThat(read(opener, a)).isEqualTo("a");
            assertThat(read(opener, b)).isEqualTo("b");
            assertThat(read(opener, c)).isEqualTo("c");
            assertThat(read(opener, a)).isEqualTo("a");
            assertThatThrownBy(() -> opener.open(root.resolve("x/gone.txt"))).isInstanceOf(NoSuchFileException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void open_throughAFolderThatIsALink_isRefused(Function<Path, RootFileOpener> form) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Path outside = Files.createDirectory(temp.resolve("outside"));
        write(outside.resolve("deep/secret.txt"), "secret");
        Files.createDirectory(root.resolve("x"));
        Files.createSymbolicLink(root.resolve("x/link"), outside);
        try (RootFileOpener opener = form.apply(root)) {
            assertThatThrownBy(() -> opener.open(root.resolve("x/link/deep/secret.txt")))
                    .hasMessageContaining("x/link is a");
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void open_aLinkOrAPathOutsideTheRoot_isRefused(Function<Path, RootFileOpener> form) throws IOException {
        Path root = Files.createDirectory(temp.resolve("root"));
        Path secret = write(temp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("link.txt"), secret);
        try (RootFileOpener opener = form.apply(root)) {
            assertThatThrownBy(() -> opener.open(root.resolve("link.txt"))).hasMessageContaining("is a symbolic link");
            assertThatThrownBy(() -> opener.open(secret)).hasMessageContaining("is not below the sync root");
            assertThatThrownBy(() -> opener.open(root.resolve("x/../../secret.txt"))).hasMessageContaining("..");
        }
    }

    private static String read(RootFileOpener opener, Path file) throws IOException {
        try (SeekableByteChannel in = opener.open(file)) {
            ByteBuffer buffer = ByteBuffer.allocate(64);
            in.read(buffer);
            return new String(buffer.array(), 0, buffer.position(), StandardCharsets.UTF_8);
        }
    }

    private static Path write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }
}
