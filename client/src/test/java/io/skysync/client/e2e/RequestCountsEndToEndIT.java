package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;

/**
 * What a sync costs the backend, phase by phase, on every cloud flavour (docs/performance.md,
 * "Requests per phase"): counts, never times. The blobs a call asks storage about are checked a
 * page of keys at a time, and blobs the manifest already records are not asked about at all, so the
 * storage requests of a phase stay a small number per API call however many files it moves; a
 * regression to one request per blob (two HeadObject per new blob, as before the blob records)
 * fails here.
 */
class RequestCountsEndToEndIT extends EndToEndFixture {
    private static final int FILES = 600;
    private static final int MODIFIED = FILES / 100;
    /** API calls of a sync that moves fewer files than one call takes: a plan, upload URLs, a commit. */
    private static final int MAX_CALLS = 3;

    @Test
    void firstSyncNoOpEditsAndMoves_costAFewStorageChecksPerCallNotPerFile() throws IOException {
        for (int i = 0; i < FILES; i++) {
            write(a, path(i), "file " + i);
        }
        settle();

        Phase first = phase();
        assertThat(uploads()).as("every file uploaded once").isEqualTo(FILES);
        assertThat(first.calls).as("first sync: plan, upload URLs, commit; %s", first).isLessThanOrEqualTo(MAX_CALLS);
        assertThat(first.storageChecks).as("first sync: %s", first).isLessThanOrEqualTo(2L * first.calls);
        // 53 on DynamoDB, 58 on Azure Table with 600 files. DynamoDB's were 83 with the blob records in batch
        // writes of 25, and 65 with them in transactions of 100 while a new path took two items of a commit
        // round (49 paths a round, now 98).
        assertThat(first.manifestOperations).as("first sync: %s", first)
                .isLessThanOrEqualTo(flavour.equals("aws") ? 55 : 60);

        Phase noOp = phase();
        assertThat(noOp.calls).as("no-op: %s", noOp).isEqualTo(1);
        assertThat(noOp.storageChecks).as("no-op: %s", noOp).isZero();
        assertThat(noOp.manifestOperations).as("no-op: %s", noOp).isLessThanOrEqualTo(6);

        for (int i = 0; i < MODIFIED; i++) {
            Path edited = a.resolve(path(i * 100));
            Files.writeString(edited, " edited", StandardOpenOption.APPEND);
            // Only the edited files: a new time on the others would be a metadata-only version of each.
            Files.setLastModifiedTime(edited, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
        }
        Phase edited = phase();
        assertThat(uploads()).isEqualTo(MODIFIED);
        assertThat(edited.calls).as("1 %% modified: %s", edited).isLessThanOrEqualTo(MAX_CALLS);
        assertThat(edited.storageChecks).as("1 %% modified: %s", edited).isLessThanOrEqualTo(2L * edited.calls);
        assertThat(edited.manifestOperations).as("1 %% modified: %s", edited).isLessThan(40);

        Files.createDirectories(a.resolve("moved"));
        for (int i = 0; i < MODIFIED; i++) {
            Files.move(a.resolve(path(i * 100 + 1)), a.resolve("moved/f" + i + ".txt"));
        }
        Phase moved = phase();
        assertThat(uploads()).as("moves upload nothing").isZero();
        assertThat(moved.calls).as("moves: %s", moved).isLessThanOrEqualTo(MAX_CALLS);
        assertThat(moved.storageChecks).as("moves: the manifest records every blob; %s", moved).isZero();
    }

    private static String path(int i) {
        return "d" + (i % 20) + "/f" + i + ".txt";
    }

    /** Files written a minute ago: one written within the scanner's racy window is hashed once more. */
    private void settle() throws IOException {
        try (var files = Files.walk(a)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (!file.startsWith(a.resolve(".skysync"))) {
                    Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
                }
            }
        }
    }

    private Phase phase() {
        resetCounters();
        ok(sync(a, "-q"));
        return new Phase(apiCalls(), storageChecks(), manifestOperations());
    }

    /** One sync's requests: API calls, storage requests other than the clients' uploads and downloads, manifest requests. */
    private record Phase(long calls, long storageChecks, long manifestOperations) {
    }
}
