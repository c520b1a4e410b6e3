package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An upload body that never lets a wrong blob be stored whole. */
class FileBodyTest {
    @TempDir
    Path temp;

    private static ContentHash hash(String s) {
        return ContentHash.ofBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void writeTo_theScannedContent_streamsItAll_countingBytes() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "x".repeat(300_000));
        AtomicLong counted = new AtomicLong();
        Buffer sink = new Buffer();

        new FileBody(file, 300_000, hash("x".repeat(300_000)), counted::addAndGet).writeTo(sink);

        assertThat(sink.size()).isEqualTo(300_000);
        assertThat(counted).hasValue(300_000);
    }

    @Test
    void writeTo_changedContent_stopsBeforeItsLastChunk() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "y".repeat(300_000));
        Buffer sink = new Buffer();

        assertThatThrownBy(() -> new FileBody(file, 300_000, hash("x".repeat(300_000)), n -> { }).writeTo(sink))
                .isInstanceOf(LocalIoException.class).hasMessageContaining("changed while it was uploaded");
        assertThat(sink.size()).as("the last chunk is never sent").isLessThan(300_000);
    }

    @Test
    void writeTo_emptyFile_isCheckedToo() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "");

        new FileBody(file, 0, ContentHash.EMPTY, n -> { }).writeTo(new Buffer());
        assertThatThrownBy(() -> new FileBody(file, 0, hash("not empty"), n -> { }).writeTo(new Buffer()))
                .isInstanceOf(LocalIoException.class);
    }

    @Test
    void writeTo_fileThatShrank_isAChange() throws Exception {
        Path file = Files.writeString(temp.resolve("f"), "short");

        assertThatThrownBy(() -> new FileBody(file, 50, hash("short"), n -> { }).writeTo(new Buffer()))
                .isInstanceOf(LocalIoException.class).hasMessageContaining("shrank");
    }

    @Test
    void contentLengthAndType_areTheFilesSizeAndNone() {
        FileBody body = new FileBody(temp.resolve("f"), 42, ContentHash.EMPTY, n -> { });

        assertThat(body.contentLength()).isEqualTo(42);
        assertThat(body.contentType()).as("a presigned PUT signs no content type").isNull();
    }
}
