package io.skysync.client.sync;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run did (or, for a dry run or status, would do). Filled in by the engine's single
 * thread through the package-private recorders; read through views that cannot be changed.
 */
public final class SyncReport {
    /** A file that could not be synced this time, and why. */
    public record Failure(String path, String reason) {
    }

    /** A conflict and how it was settled; {@code copy} is the conflict copy's path, if one was made. */
    public record Conflict(String path, String copy, String outcome) {
    }

    private final List<String> uploaded = new ArrayList<>();
    private final List<String> downloaded = new ArrayList<>();
    private final List<String> deletedLocal = new ArrayList<>();
    private final List<String> deletedRemote = new ArrayList<>();
    private final List<String> waiting = new ArrayList<>();
    private final List<String> readOnlyKept = new ArrayList<>();
    private final List<Conflict> conflicts = new ArrayList<>();
    private final List<Failure> failures = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<Step> planned = new ArrayList<>();
    private long bytesUploaded;
    private long bytesDownloaded;
    private int blobsUploaded;
    private int blobsRepaired;
    private int hashed;
    private int apiCalls;
    private boolean dryRun;
    private boolean indexRebuilt;
    private boolean writesRefused;

    public List<String> uploaded() {
        return Collections.unmodifiableList(uploaded);
    }

    public List<String> downloaded() {
        return Collections.unmodifiableList(downloaded);
    }

    public List<String> deletedLocal() {
        return Collections.unmodifiableList(deletedLocal);
    }

    public List<String> deletedRemote() {
        return Collections.unmodifiableList(deletedRemote);
    }

    /** Changes a one-way run left for the other direction. */
    public List<String> waiting() {
        return Collections.unmodifiableList(waiting);
    }

    /** Local changes kept here because the device is read-only (in its role, or as the server said in this run). */
    public List<String> readOnlyKept() {
        return Collections.unmodifiableList(readOnlyKept);
    }

    public List<Conflict> conflicts() {
        return Collections.unmodifiableList(conflicts);
    }

    public List<Failure> failures() {
        return Collections.unmodifiableList(failures);
    }

    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The plan the run started from. */
    public List<Step> planned() {
        return Collections.unmodifiableList(planned);
    }

    public long bytesUploaded() {
        return bytesUploaded;
    }

    public long bytesDownloaded() {
        return bytesDownloaded;
    }

    public int blobsUploaded() {
        return blobsUploaded;
    }

    public int blobsRepaired() {
        return blobsRepaired;
    }

    public int hashed() {
        return hashed;
    }

    public int apiCalls() {
        return apiCalls;
    }

    public boolean dryRun() {
        return dryRun;
    }

    public boolean indexRebuilt() {
        return indexRebuilt;
    }

    /** The server refused this device's writes in this run (it was made read-only): its role should be asked again. */
    public boolean writesRefused() {
        return writesRefused;
    }

    public boolean clean() {
        return failures.isEmpty() && conflicts.isEmpty();
    }

    /** Nothing was sent, received, deleted, held or failed. */
    public boolean nothingDone() {
        return uploaded.isEmpty() && downloaded.isEmpty() && deletedLocal.isEmpty() && deletedRemote.isEmpty()
                && conflicts.isEmpty() && failures.isEmpty() && waiting.isEmpty() && readOnlyKept.isEmpty();
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
        out.put("blobsRepaired", blobsRepaired);
        out.put("hashed", hashed);
        out.put("apiCalls", apiCalls);
        out.put("indexRebuilt", indexRebuilt);
        return out;
    }

    void uploaded(String path) {
        uploaded.add(path);
    }

    void downloaded(String path, long bytes) {
        downloaded.add(path);
        bytesDownloaded += bytes;
    }

    void deletedLocal(String path) {
        deletedLocal.add(path);
    }

    void deletedRemote(String path) {
        deletedRemote.add(path);
    }

    void waiting(String path) {
        waiting.add(path);
    }

    void readOnlyKept(String path) {
        readOnlyKept.add(path);
    }

    void conflict(Conflict conflict) {
        conflicts.add(conflict);
    }

    void failure(Failure failure) {
        failures.add(failure);
    }

    void warning(String warning) {
        warnings.add(warning);
    }

    void planned(List<Step> steps) {
        planned.addAll(steps);
    }

    void blobsSent(int blobs, long bytes) {
        blobsUploaded += blobs;
        bytesUploaded += bytes;
    }

    void blobsRepaired(int blobs) {
        blobsRepaired += blobs;
    }

    void hashed(int files) {
        hashed = files;
    }

    void apiCalls(int calls) {
        apiCalls += calls;
    }

    void dryRun(boolean dry) {
        dryRun = dry;
    }

    void indexRebuilt(boolean rebuilt) {
        indexRebuilt = rebuilt;
    }

    void refuseWrites() {
        writesRefused = true;
    }
}
