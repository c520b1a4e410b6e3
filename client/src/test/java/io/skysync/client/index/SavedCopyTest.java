package io.skysync.client.index;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a corrupt index is kept: its log copied before SQLite opens it, moved aside under a free name, put back. */
class SavedCopyTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text);
    }

    private String read(String name) throws IOException {
        return Files.readString(dir.resolve(name));
    }

    @Test
    void keepLog_noLogOrAnEmptyOne_isNull_andLeavesNoCopy() throws IOException {
        Path db = write("index.db", "pages");
        assertThat(SavedCopy.keepLog(db)).isNull();

        write("index.db-wal", "");
        assertThat(SavedCopy.keepLog(db)).isNull();
        assertThat(dir.resolve("index.db-wal.kept")).doesNotExist();
    }

    @Test
    void keepLog_logLeftByACrash_isCopied_replacingAnOlderCopy() throws IOException {
        Path db = write("index.db", "pages");
        write("index.db-wal", "last commits");
        write("index.db-wal.kept", "an older copy");

        Path kept = SavedCopy.keepLog(db);

        assertThat(kept).isEqualTo(dir.resolve("index.db-wal.kept"));
        assertThat(read("index.db-wal.kept")).isEqualTo("last commits");
        assertThat(read("index.db-wal")).as("the log itself stays").isEqualTo("last commits");
    }

    @Test
    void moveAside_movesTheDatabaseAndItsCompanions_underTheFirstFreeName() throws IOException {
        Path db = write("index.db", "pages");
        write("index.db-shm", "shared memory");
        write("index.db-wal", "log after the open");
        write("index.db.corrupt", "an earlier corrupt index");
        Path kept = write("index.db-wal.kept", "log before the open");

        List<Path[]> moved = SavedCopy.moveAside(db, kept);

        assertThat(moved).hasSize(3);
        assertThat(read("index.db.corrupt")).as("the earlier copy is never overwritten").isEqualTo("an earlier corrupt index");
        assertThat(read("index.db.corrupt.2")).isEqualTo("pages");
        assertThat(read("index.db.corrupt.2-shm")).isEqualTo("shared memory");
        assertThat(read("index.db.corrupt.2-wal")).as("the log as it was before SQLite opened it").isEqualTo("log before the open");
        assertThat(dir.resolve("index.db")).doesNotExist();
        assertThat(dir.resolve("index.db-wal")).doesNotExist();
        assertThat(dir.resolve("index.db-wal.kept")).doesNotExist();
    }

    @Test
    void moveAside_nameTakenOnlyByACompanion_isNotFreeEither() throws IOException {
        Path db = write("index.db", "pages");
        write("index.db.corrupt-wal", "the log of an earlier copy");

        SavedCopy.moveAside(db, null);

        assertThat(read("index.db.corrupt.2")).isEqualTo("pages");
        assertThat(read("index.db.corrupt-wal")).isEqualTo("the log of an earlier copy");
    }

    @Test
    void putBack_undoesTheMoves_andDropsWhatWasMadeSince() throws IOException {
        Path db = write("index.db", "pages");
        write("index.db-wal", "log");
        List<Path[]> moved = SavedCopy.moveAside(db, null);
        write("index.db", "a new index that could not be finished");

        SavedCopy.putBack(db, moved);

        assertThat(read("index.db")).isEqualTo("pages");
        assertThat(read("index.db-wal")).isEqualTo("log");
        assertThat(dir.resolve("index.db.corrupt")).doesNotExist();
    }

    @Test
    void deleteQuietly_missingOrNull_isFine() throws IOException {
        SavedCopy.deleteQuietly(null);
        SavedCopy.deleteQuietly(dir.resolve("absent"));
        Path file = write("present", "x");
        SavedCopy.deleteQuietly(file);
        assertThat(file).doesNotExist();
    }
}
