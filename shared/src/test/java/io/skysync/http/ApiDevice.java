package io.skysync.http;

import static io.skysync.http.ApiFixture.assertOk;
import static io.skysync.http.ApiFixture.obj;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.domain.ContentHash;
import io.skysync.service.UploadTicket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A minimal client over {@link DevicesFixture}: a folder as a map of path to text, the last synced
 * version of each path, and a cursor. {@link #sync()} plans, uploads, commits and pulls the way the
 * real client does (without conflict handling: tests using it make no concurrent edits of a path).
 */
final class ApiDevice {
    final String name;
    final String token;
    private final DevicesFixture api;
    private final String vault;
    private final Map<String, String> folder = new TreeMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final Map<String, String> synced = new HashMap<>();
    private long cursor;

    ApiDevice(DevicesFixture api, String vault, String name, String token) {
        this.api = api;
        this.vault = vault;
        this.name = name;
        this.token = token;
    }

    void write(String path, String text) {
        folder.put(path, text);
    }

    void delete(String path) {
        folder.remove(path);
    }

    Map<String, String> folder() {
        return Map.copyOf(folder);
    }

    /** The local changes since the last sync, as commit entries. */
    List<Map<String, Object>> localChanges() {
        List<Map<String, Object>> changes = new ArrayList<>();
        folder.forEach((path, text) -> {
            if (!text.equals(synced.get(path))) {
                changes.add(obj("path", path, "baseVersion", versions.getOrDefault(path, 0L),
                        "hash", hash(text).hex(), "size", (long) bytes(text).length, "mtime", 1000L));
            }
        });
        synced.keySet().stream().filter(p -> !folder.containsKey(p)).forEach(p ->
                changes.add(obj("path", p, "baseVersion", versions.get(p), "deleted", true)));
        return changes;
    }

    /** Plans, uploads what the plan asks for, commits, then pulls every remote change. */
    ApiResponse sync() {
        List<Map<String, Object>> changes = localChanges();
        List<Map<String, Object>> announced = changes.stream().map(c -> {
            Map<String, Object> copy = new LinkedHashMap<>(c);
            copy.remove("mtime");
            return copy;
        }).toList();
        ApiResponse planned = api.post(base() + "/plan", token, obj("cursor", cursor, "changes", announced));
        if (planned.status() != 200) {
            return planned;
        }
        JsonNode plan = ApiFixture.body(planned);
        for (JsonNode upload : plan.get("uploads")) {
            upload(upload);
        }
        if (!changes.isEmpty()) {
            ApiResponse committed = api.post(base() + "/commit", token, obj("entries", changes));
            if (committed.status() != 200) {
                return committed;
            }
            for (JsonNode result : ApiFixture.body(committed).get("results")) {
                String path = result.get("path").asText();
                if (!result.get("status").asText().equals("committed")) {
                    throw new AssertionError(name + ": commit of " + path + " answered " + result);
                }
                versions.put(path, result.get("version").asLong());
                if (folder.containsKey(path)) {
                    synced.put(path, folder.get(path));
                } else {
                    synced.remove(path);
                }
            }
        }
        return pull();
    }

    /** Applies the change log from the cursor on: remote contents replace local ones. */
    ApiResponse pull() {
        boolean more = true;
        ApiResponse last = null;
        while (more) {
            last = api.get(base() + "/changes", Map.of("since", Long.toString(cursor)), token);
            if (last.status() != 200) {
                return last;
            }
            JsonNode page = ApiFixture.body(last);
            for (JsonNode entry : page.get("entries")) {
                apply(entry);
            }
            cursor = page.get("cursor").asLong();
            more = page.get("hasMore").asBoolean();
        }
        return last;
    }

    long cursor() {
        return cursor;
    }

    private void apply(JsonNode entry) {
        String path = entry.get("path").asText();
        versions.put(path, entry.get("version").asLong());
        if (entry.get("deleted").asBoolean()) {
            folder.remove(path);
            synced.remove(path);
            return;
        }
        JsonNode urls = assertOk(api.post(base() + "/download-urls", token,
                obj("files", List.of(obj("path", path, "version", entry.get("version").asLong())))), 200);
        String url = urls.get("urls").get(0).get("url").asText();
        byte[] content = api.blobs.download(URI.create(url)).orElseThrow(() ->
                new AssertionError(name + ": the blob of " + path + " is missing"));
        if (!ContentHash.ofBytes(content).hex().equals(entry.get("hash").asText())) {
            throw new AssertionError(name + ": the blob of " + path + " does not match its hash");
        }
        String text = new String(content, StandardCharsets.UTF_8);
        folder.put(path, text);
        synced.put(path, text);
    }

    private void upload(JsonNode upload) {
        UploadDto dto = ApiJson.mapper().convertValue(upload, UploadDto.class);
        String text = folder.values().stream().filter(t -> hash(t).hex().equals(dto.hash())).findFirst()
                .orElseThrow(() -> new AssertionError(name + ": asked to upload a blob it does not have"));
        api.blobs.upload(new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(),
                Instant.parse(dto.expiresAt())), bytes(text));
    }

    private String base() {
        return "/v1/vaults/" + vault;
    }

    static ContentHash hash(String text) {
        return ContentHash.ofBytes(bytes(text));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
