package io.skysync.client.sync;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one run did (or, for a dry run or status, would do). Filled in by the engine's single thread. */
public final class SyncReport {
    /** A file that could not be synced this time, and why. */
    public record Failure(String path, String reason) {
    }

    /** A conflict and how it was settled. */
    public record Conflict(String path, String copy, String outcome) {
    }

    public final List<String> uploaded = new ArrayList<>();
    public final List<String> downloaded = new ArrayList<>();
    public final List<String> deletedLocal = new ArrayList<>();
    public final List<String> deletedRemote = new ArrayList<>();
    public final List<String> committed = new ArrayList<>();
    public final List<String> waiting = new ArrayList<>();
    public final List<Conflict> conflicts = new ArrayList<>();
    public final List<Failure> failures = new ArrayList<>();
    public final List<String> warnings = new ArrayList<>();
    public final List<Step> planned = new ArrayList<>();
    public long bytesUploaded;
    public long bytesDownloaded;
    public int blobsUploaded;
    public int hashed;
    public int apiCalls;
    public boolean dryRun;
    public boolean indexRebuilt;

    public boolean clean() {
        return failures.isEmpty() && conflicts.isEmpty();
    }

    public Map<String, Object> toJson() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("dryRun", dryRun);
        out.put("uploaded", uploaded);
        out.put("downloaded", downloaded);
        out.put("deletedLocal", deletedLocal);
        out.put("deletedRemote", deletedRemote);
        out.put("waiting", waiting);
        out.put("conflicts", conflicts);
        out.put("failures", failures);
        out.put("warnings", warnings);
        out.put("bytesUploaded", bytesUploaded);
        out.put("bytesDownloaded", bytesDownloaded);
        out.put("blobsUploaded", blobsUploaded);
        out.put("hashed", hashed);
        out.put("apiCalls", apiCalls);
        out.put("indexRebuilt", indexRebuilt);
        return out;
    }
}
