package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.api.ChunkUrlsResponse;
import io.skysync.api.DownloadUrlsResponse;
import io.skysync.api.EntryDto;
import io.skysync.api.PlanResponse;
import io.skysync.client.config.UserError;
import io.skysync.client.testing.EngineRig;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import io.skysync.client.transfer.TransferException;
import io.skysync.content.Chunk;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hostile server's recipes: whatever a recipe says, the client writes only its staged temp file
 * and places nothing whose whole SHA-256 is not the entry's; a recipe that is not a recipe, not
 * its name, or not of the entry's size is refused before any chunk is fetched.
 */
class ChunkedHostileServerTest {
    private static final byte[] REAL = "the real content of the file".getBytes(StandardCharsets.UTF_8);
    private static final byte[] EVIL = "evil".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path temp;
    ScriptedVault vault;
    MemoryTransfers transfers;
    EngineRig rig;

    @BeforeEach
    void folder() throws IOException {
        vault = new ScriptedVault();
        transfers = new MemoryTransfers();
        rig = new EngineRig(Files.createDirectories(temp.resolve("root")), vault, transfers);
    }

    @Test
    void recipeOfOtherBytes_nothingPlacedAndNothingWrittenOutsideTheStagedFile() throws IOException {
        byte[] recipe = CutFile.encode(REAL.length, List.of(new Chunk(ContentHash.ofBytes(pad(EVIL)), REAL.length)));
        serve(ContentHash.ofBytes(REAL), recipe, REAL.length);
        transfers.served.put("http://127.0.0.1:9/chunk", pad(EVIL));
        vault.chunkUrls = r -> new ChunkUrlsResponse(r.chunks().stream()
                .map(h -> new ChunkUrlsResponse.ChunkUrlDto(h, "http://127.0.0.1:9/chunk", null)).toList());

        SyncReport report = rig.sync();

        assertThat(report.failures()).extracting(f -> f.path()).containsExactly("big.bin");
        assertThat(rig.exists("big.bin")).isFalse();
        assertThat(filesUnder(rig.root)).as("only the folder's own state").allMatch(p -> p.contains(".skysync"));
    }

    @Test
    void recipeThatIsNotARecipe_refusedBeforeAnyChunk() throws IOException {
        serve(ContentHash.ofBytes(REAL), "{\"chunks\": \"../../etc/passwd\"}\n".getBytes(StandardCharsets.UTF_8), REAL.length);

        SyncReport report = rig.sync();

        assertThat(report.failures()).extracting(f -> f.path()).containsExactly("big.bin");
        assertThat(vault.calls()).doesNotContain("chunk-urls");
        assertThat(rig.exists("big.bin")).isFalse();
    }

    @Test
    void recipeForAnotherSize_refusedBeforeAnyChunk() throws IOException {
        byte[] recipe = CutFile.encode(REAL.length + 1L, List.of(new Chunk(ContentHash.ofBytes(REAL), REAL.length + 1)));
        serve(ContentHash.ofBytes(REAL), recipe, REAL.length);

        SyncReport report = rig.sync();

        assertThat(report.failures()).extracting(f -> f.path()).containsExactly("big.bin");
        assertThat(vault.calls()).doesNotContain("chunk-urls");
    }

    @Test
    void recipeBytesNotItsName_refused() throws IOException {
        byte[] recipe = CutFile.encode(REAL.length, List.of(new Chunk(ContentHash.ofBytes(REAL), REAL.length)));
        serve(ContentHash.ofBytes(REAL), recipe, REAL.length, ContentHash.ofBytes(EVIL));

        SyncReport report = rig.sync();

        assertThat(report.failures()).extracting(f -> f.path()).containsExactly("big.bin");
        assertThat(vault.calls()).doesNotContain("chunk-urls");
    }

    @Test
    void restoreAnsweredWithARecipeOfOtherBytes_placesNothing() throws IOException {
        byte[] recipe = CutFile.encode(REAL.length, List.of(new Chunk(ContentHash.ofBytes(pad(EVIL)), REAL.length)));
        serve(ContentHash.ofBytes(REAL), recipe, REAL.length);
        transfers.served.put("http://127.0.0.1:9/chunk", pad(EVIL));
        vault.chunkUrls = r -> new ChunkUrlsResponse(r.chunks().stream()
                .map(h -> new ChunkUrlsResponse.ChunkUrlDto(h, "http://127.0.0.1:9/chunk", null)).toList());
        Restorer restorer = new Restorer(vault, transfers, rig.root);

        assertThatThrownBy(() -> restorer.restore(VaultPath.of("big.bin"), version(ContentHash.ofBytes(REAL)), null))
                .isInstanceOf(TransferException.class);
        assertThat(rig.exists("big.bin")).isFalse();
        assertThat(filesUnder(rig.root)).as("only the folder's own state").allMatch(p -> p.contains(".skysync"));
    }

    @Test
    void restoreAnsweredWithAnotherPathsRecipe_placesNothing() throws IOException {
        byte[] other = CutFile.encode(EVIL.length, List.of(new Chunk(ContentHash.ofBytes(EVIL), EVIL.length)));
        vault.downloadUrls = r -> new DownloadUrlsResponse(List.of(new DownloadUrlsResponse.DownloadDto("other.bin", 1,
                ContentHash.ofBytes(EVIL).hex(), EVIL.length, "http://127.0.0.1:9/recipe", null,
                ContentHash.ofBytes(other).hex(), (long) other.length)), List.of());
        transfers.served.put("http://127.0.0.1:9/recipe", other);
        Restorer restorer = new Restorer(vault, transfers, rig.root);

        assertThatThrownBy(() -> restorer.restore(VaultPath.of("big.bin"), version(ContentHash.ofBytes(REAL)), null))
                .isInstanceOf(UserError.class);
        assertThat(vault.calls()).doesNotContain("chunk-urls");
        assertThat(rig.exists("big.bin")).isFalse();
    }

    @Test
    void restoreAnsweredWithOtherContentForItsPath_placesNothing() throws IOException {
        byte[] other = CutFile.encode(EVIL.length, List.of(new Chunk(ContentHash.ofBytes(EVIL), EVIL.length)));
        serve(ContentHash.ofBytes(EVIL), other, EVIL.length);
        Restorer restorer = new Restorer(vault, transfers, rig.root);

        assertThatThrownBy(() -> restorer.restore(VaultPath.of("big.bin"), version(ContentHash.ofBytes(REAL)), null))
                .isInstanceOf(TransferException.class).hasMessageContaining("other content");
        assertThat(vault.calls()).doesNotContain("chunk-urls");
        assertThat(rig.exists("big.bin")).isFalse();
    }

    private static EntryDto version(ContentHash hash) {
        return ScriptedVault.live("big.bin", 1, hash, REAL.length, 1);
    }

    /** The vault lists big.bin with {@code hash}; its download is {@code recipe}, served under its own hash. */
    private void serve(ContentHash hash, byte[] recipe, long size) {
        serve(hash, recipe, size, ContentHash.ofBytes(recipe));
    }

    private void serve(ContentHash hash, byte[] recipe, long size, ContentHash recipeName) {
        vault.plan = r -> new PlanResponse(List.of(ScriptedVault.live("big.bin", 1, hash, size, 1)), 1, false,
                List.of(), List.of());
        vault.downloadUrls = r -> new DownloadUrlsResponse(List.of(new DownloadUrlsResponse.DownloadDto("big.bin", 1,
                hash.hex(), size, "http://127.0.0.1:9/recipe", null, recipeName.hex(), (long) recipe.length)), List.of());
        transfers.served.put("http://127.0.0.1:9/recipe", recipe);
    }

    private static byte[] pad(byte[] bytes) {
        byte[] out = new byte[REAL.length];
        System.arraycopy(bytes, 0, out, 0, bytes.length);
        return out;
    }

    private static List<String> filesUnder(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root.getParent())) {
            return files.filter(Files::isRegularFile).map(Path::toString).toList();
        }
    }
}
