package io.skysync.content;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Recipe format 1: a canonical round trip, and every broken rule refused as {@code invalid_recipe}. */
class RecipeFormatTest {
    private static final String A = ContentHash.ofBytes(new byte[] {1}).hex();
    private static final String B = ContentHash.ofBytes(new byte[] {2}).hex();

    @Test
    void writeThenRead_givesBackTheChunksInOrder() throws IOException {
        List<Chunk> chunks = List.of(new Chunk(new ContentHash(A), 5), new Chunk(new ContentHash(B), 7));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        RecipeFormat.CURRENT.write(12, chunks, out);

        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("skysync-recipe 1 2 12\n" + A + " 5\n" + B + " 7\n");
        assertThat(readAll(out.toByteArray())).isEqualTo(chunks);
    }

    static Stream<Arguments> broken() {
        String max = String.valueOf(ChunkParams.MAX_CHUNK + 1);
        return Stream.of(
                Arguments.of("empty", ""),
                Arguments.of("another format", "skysync-recipe 2 1 5\n" + A + " 5\n"),
                Arguments.of("no newline at the end", "skysync-recipe 1 1 5\n" + A + " 5"),
                Arguments.of("sizes do not add up", "skysync-recipe 1 2 12\n" + A + " 5\n" + B + " 6\n"),
                Arguments.of("sizes add up to more", "skysync-recipe 1 2 10\n" + A + " 5\n" + B + " 6\n"),
                Arguments.of("fewer chunks than announced", "skysync-recipe 1 2 5\n" + A + " 5\n"),
                Arguments.of("more lines than announced", "skysync-recipe 1 1 5\n" + A + " 5\n" + B + " 7\n"),
                Arguments.of("no chunks", "skysync-recipe 1 0 0\n"),
                Arguments.of("over the chunk count limit", "skysync-recipe 1 " + (ChunkParams.MAX_CHUNKS + 1) + " 5\n"),
                Arguments.of("over the file size limit", "skysync-recipe 1 1 " + (ChunkParams.MAX_FILE_BYTES + 1) + "\n"),
                Arguments.of("a chunk over the maximum", "skysync-recipe 1 1 " + max + "\n" + A + " " + max + "\n"),
                Arguments.of("an empty chunk", "skysync-recipe 1 1 0\n" + A + " 0\n"),
                Arguments.of("upper-case hash", "skysync-recipe 1 1 5\n" + A.toUpperCase() + " 5\n"),
                Arguments.of("short hash", "skysync-recipe 1 1 5\n" + A.substring(1) + " 5\n"),
                Arguments.of("leading zero", "skysync-recipe 1 1 5\n" + A + " 05\n"),
                Arguments.of("negative size", "skysync-recipe 1 1 5\n" + A + " -5\n"),
                Arguments.of("two spaces", "skysync-recipe 1 1 5\n" + A + "  5\n"),
                Arguments.of("a control byte", "skysync-recipe 1 1 5\r\n" + A + " 5\n"),
                Arguments.of("an endless line", "skysync-recipe 1 1 5\n" + "f".repeat(200) + "\n"),
                Arguments.of("a huge number", "skysync-recipe 1 1 99999999999999999999\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("broken")
    void read_brokenRecipe_invalidRecipe(String why, String text) {
        assertThatThrownBy(() -> readAll(text.getBytes(StandardCharsets.ISO_8859_1)))
                .isInstanceOfSatisfying(SkysyncException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_RECIPE))
                .hasMessageStartingWith("invalid recipe: ");
    }

    private static List<Chunk> readAll(byte[] bytes) throws IOException {
        RecipeFormat.Reader reader = RecipeFormat.CURRENT.read(new ByteArrayInputStream(bytes));
        List<Chunk> out = new ArrayList<>();
        for (Chunk c = reader.next(); c != null; c = reader.next()) {
            out.add(c);
        }
        return out;
    }
}
