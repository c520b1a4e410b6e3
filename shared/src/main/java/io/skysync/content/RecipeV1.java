package io.skysync.content;

import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Recipe format 1, US-ASCII lines ending in {@code \n}:
 *
 * <pre>
 * skysync-recipe 1 &lt;chunk count&gt; &lt;file size&gt;
 * &lt;64 hex of the chunk id&gt; &lt;chunk size&gt;
 * ...
 * </pre>
 *
 * Numbers are decimal without leading zeros; the count is 1 to {@link ChunkParams#MAX_CHUNKS}, each
 * chunk 1 to {@link ChunkParams#MAX_CHUNK} bytes, the sizes add up to the file's size (at most
 * {@link ChunkParams#MAX_FILE_BYTES}), and nothing follows the last line.
 */
final class RecipeV1 implements RecipeFormat {
    static final String MAGIC = "skysync-recipe 1 ";
    /** The longest line: 64 hex, a space, 8 digits of a chunk size, the newline; the header is shorter. */
    private static final int MAX_LINE = 80;

    @Override
    public void write(long size, List<Chunk> chunks, OutputStream out) throws IOException {
        StringBuilder text = new StringBuilder(MAGIC).append(chunks.size()).append(' ').append(size).append('\n');
        out.write(text.toString().getBytes(StandardCharsets.US_ASCII));
        for (Chunk chunk : chunks) {
            out.write((chunk.id().hex() + " " + chunk.size() + "\n").getBytes(StandardCharsets.US_ASCII));
        }
    }

    @Override
    public Reader read(InputStream in) throws IOException {
        String header = line(in);
        if (header == null || !header.startsWith(MAGIC)) {
            throw invalid("it does not start with '" + MAGIC.trim() + "'");
        }
        String[] parts = header.substring(MAGIC.length()).split(" ", -1);
        if (parts.length != 2) {
            throw invalid("its first line is not 'skysync-recipe 1 COUNT SIZE'");
        }
        long count = number(parts[0], "chunk count");
        long size = number(parts[1], "file size");
        if (count < 1 || count > ChunkParams.MAX_CHUNKS) {
            throw invalid("it names " + count + " chunks; a recipe names 1 to " + ChunkParams.MAX_CHUNKS);
        }
        if (size > ChunkParams.MAX_FILE_BYTES) {
            throw invalid("its file has " + size + " bytes; a chunked file has at most " + ChunkParams.MAX_FILE_BYTES);
        }
        return new V1Reader(in, (int) count, size);
    }

    private static final class V1Reader implements Reader {
        private final InputStream in;
        private final int count;
        private final long size;
        private int read;
        private long sum;

        V1Reader(InputStream in, int count, long size) {
            this.in = in;
            this.count = count;
            this.size = size;
        }

        @Override
        public long size() {
            return size;
        }

        @Override
        public int count() {
            return count;
        }

        @Override
        public Chunk next() throws IOException {
            if (read == count) {
                if (in.read() != -1) {
                    throw invalid("bytes follow its last chunk");
                }
                if (sum != size) {
                    throw invalid("its chunks add up to " + sum + " bytes, not the " + size + " it announces");
                }
                return null;
            }
            String line = line(in);
            if (line == null) {
                throw invalid("it ends after " + read + " of its " + count + " chunks");
            }
            int space = line.indexOf(' ');
            if (space != 64 || !ContentHash.isValid(line.substring(0, 64))) {
                throw invalid("chunk " + (read + 1) + " is not '<64 lower-case hex> SIZE'");
            }
            long chunkSize = number(line.substring(65), "chunk size");
            if (chunkSize < 1 || chunkSize > ChunkParams.MAX_CHUNK) {
                throw invalid("chunk " + (read + 1) + " has " + chunkSize + " bytes; a chunk has 1 to " + ChunkParams.MAX_CHUNK);
            }
            read++;
            sum += chunkSize;
            if (sum > size) {
                throw invalid("its chunks add up to more than the " + size + " bytes it announces");
            }
            return new Chunk(new ContentHash(line.substring(0, 64)), (int) chunkSize);
        }
    }

    /** One line without its newline; null at the end of the stream; a line without a newline or too long is invalid. */
    private static String line(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b == -1) {
                if (text.length() == 0) {
                    return null;
                }
                throw invalid("its last line has no newline");
            }
            if (b == '\n') {
                return text.toString();
            }
            if (b < 0x20 || b > 0x7e || text.length() >= MAX_LINE) {
                throw invalid("a line is too long or holds a byte that is not printable ASCII");
            }
            text.append((char) b);
        }
    }

    private static long number(String digits, String what) {
        if (digits.isEmpty() || digits.length() > 18 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')
                || digits.length() > 1 && digits.charAt(0) == '0') {
            throw invalid("its " + what + " is not a decimal number");
        }
        return Long.parseLong(digits);
    }

    static SkysyncException invalid(String why) {
        return new SkysyncException(ErrorCode.INVALID_RECIPE, "invalid recipe: " + why);
    }
}
