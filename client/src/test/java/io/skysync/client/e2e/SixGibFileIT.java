package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skysync.domain.ContentHash;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Opt-in, not part of the default build: a real 6 GiB file (over S3's 5 GiB single-PUT limit)
 * synced between two devices through the real local AWS backend (DynamoDB Local and S3Proxy),
 * byte for byte. It needs about 25 GiB of free disk (two folders, the chunk folder while a download
 * assembles, S3Proxy's copy) and tens of minutes on two cores. Run it with
 * {@code mvn -B -pl client verify -Dit.test=SixGibFileIT -Dskysync.sixGibIT=true} (docs/client.md).
 */
@EnabledIfSystemProperty(named = "skysync.sixGibIT", matches = "true")
class SixGibFileIT extends EndToEndFixture {
    private static final long SIZE = 6L * 1024 * 1024 * 1024;
    Path b;

    @BeforeEach
    void secondDevice() throws IOException {
        assumeTrue(flavour.equals("aws"), "the 6 GiB run uses the local AWS backend only");
        b = Files.createDirectories(temp.resolve("b"));
        ok(cli.run("init", b.toString(), "--vault", vault, "--device", "desktop"));
    }

    @Test
    void sixGibFile_syncsByteForByte() throws IOException {
        ContentHash written = writeRandom(a.resolve("six.bin"), SIZE);

        ok(sync(a));
        ok(sync(b));

        assertThat(Files.size(b.resolve("six.bin"))).isEqualTo(SIZE);
        assertThat(sha256(b.resolve("six.bin"))).isEqualTo(written);
    }

    /** Writes {@code size} pseudo-random bytes, streaming, and answers their SHA-256. */
    private static ContentHash writeRandom(Path file, long size) throws IOException {
        SplittableRandom random = new SplittableRandom(6);
        MessageDigest digest = ContentHash.sha256();
        byte[] block = new byte[1 << 20];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long left = size; left > 0; left -= block.length) {
                random.nextBytes(block);
                int n = (int) Math.min(block.length, left);
                digest.update(block, 0, n);
                out.write(block, 0, n);
            }
        }
        return ContentHash.of(digest.digest());
    }

    private static ContentHash sha256(Path file) throws IOException {
        MessageDigest digest = ContentHash.sha256();
        byte[] block = new byte[1 << 20];
        try (InputStream in = Files.newInputStream(file)) {
            for (int n = in.read(block); n > 0; n = in.read(block)) {
                digest.update(block, 0, n);
            }
        }
        return ContentHash.of(digest.digest());
    }
}
