package io.skysync.client.sync;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.api.PlanResponse;
import io.skysync.client.progress.Progress;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ParallelHasher;
import io.skysync.client.testing.EngineRig;
import io.skysync.client.testing.MemoryIndex;
import io.skysync.client.testing.MemoryTransfers;
import io.skysync.client.testing.ScriptedVault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sync that finds nothing to do writes nothing to the local index (docs/performance.md): no
 * transaction, so the database and its write-ahead log keep their bytes and times, whatever the
 * tree's size.
 */
class NoOpIndexWritesTest {
    @TempDir
    Path temp;

    @Test
    void noOpSync_leavesTheIndexFilesUntouched() throws IOException {
        ScriptedVault vault = new ScriptedVault();
        EngineRig rig = new EngineRig(Files.createDirectories(temp.resolve("root")), vault, new MemoryTransfers());
        for (int i = 0; i < 20; i++) {
            rig.write("d" + (i % 3) + "/f" + i + ".txt", "content " + i);
        }
        rig.sync();
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
        rig.sync();
        List<String> before = indexFiles(rig.root);

        SyncReport report = rig.sync();

        assertThat(report.nothingDone()).isTrue();
        assertThat(indexFiles(rig.root)).isEqualTo(before);
    }

    @Test
    void noOpSync_savesNoIndexTransaction() throws IOException {
        ScriptedVault vault = new ScriptedVault();
        Path root = Files.createDirectories(temp.resolve("root"));
        EngineRig rig = new EngineRig(root, vault, new MemoryTransfers());
        rig.write("a.txt", "a");
        rig.write("d/b.txt", "b");
        MemoryIndex index = new MemoryIndex();
        engine(vault, index, root).run(EngineRig.options());
        vault.plan = r -> new PlanResponse(List.of(), r.cursor(), false, List.of(), List.of());
        engine(vault, index, root).run(EngineRig.options());
        int saves = index.saves().size();

        SyncReport report = engine(vault, index, root).run(EngineRig.options());

        assertThat(report.nothingDone()).isTrue();
        assertThat(index.saves()).as("no transaction for a run that changed nothing").hasSize(saves);
    }

    private static SyncEngine engine(ScriptedVault vault, MemoryIndex index, Path root) {
        return new SyncEngine(vault, new MemoryTransfers(), index, root, Clock.fixed(EngineRig.NOW, ZoneOffset.UTC),
                new ParallelHasher(1), IgnoreRules.none(), 2, Progress.NONE);
    }

    /** Each index file's name, size and modification time. */
    private static List<String> indexFiles(Path root) throws IOException {
        List<String> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(".skysync"))) {
            for (Path f : files.filter(p -> p.getFileName().toString().startsWith("index.db")).sorted().toList()) {
                out.add(f.getFileName() + " " + Files.size(f) + " " + Files.getLastModifiedTime(f).toMillis()
                        + Files.getLastModifiedTime(f).toInstant().getNano());
            }
        }
        return out;
    }
}
