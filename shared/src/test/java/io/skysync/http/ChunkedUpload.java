package io.skysync.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.api.UploadDto;
import io.skysync.content.Chunk;
import io.skysync.content.ChunkId;
import io.skysync.content.CutFile;
import io.skysync.domain.ContentHash;
import io.skysync.service.UploadTicket;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A chunked file as a test builds it: small chunks (the server never re-cuts, so any bytes of 1 to
 * 16 MiB make a chunk), the whole content, its recipe, and the API steps a device takes with it.
 */
record ChunkedUpload(List<byte[]> parts, byte[] content, List<Chunk> chunks, byte[] recipe) {

    static ChunkedUpload of(String... parts) {
        List<byte[]> bytes = new ArrayList<>();
        for (String part : parts) {
            bytes.add(part.getBytes(StandardCharsets.UTF_8));
        }
        return of(bytes);
    }

    static ChunkedUpload of(List<byte[]> parts) {
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        List<Chunk> chunks = new ArrayList<>();
        for (byte[] part : parts) {
            whole.writeBytes(part);
            chunks.add(new Chunk(ChunkId.SHA256.of(part, 0, part.length), part.length));
        }
        byte[] content = whole.toByteArray();
        return new ChunkedUpload(parts, content, chunks, CutFile.encode(content.length, chunks));
    }

    ContentHash hash() {
        return ContentHash.ofBytes(content);
    }

    ContentHash recipeHash() {
        return ContentHash.ofBytes(recipe);
    }

    long size() {
        return content.length;
    }

    /** The plan's change for this file at {@code path}. */
    Map<String, Object> change(String path, long base) {
        return ApiFixture.obj("path", path, "baseVersion", base, "hash", hash().hex(), "size", size(),
                "recipe", recipeHash().hex(), "recipeSize", (long) recipe.length);
    }

    /** The commit's entry for this file at {@code path}. */
    Map<String, Object> entry(String path, long base) {
        return ApiFixture.obj("path", path, "baseVersion", base, "hash", hash().hex(), "size", size(), "mtime", 1L,
                "recipe", recipeHash().hex());
    }

    /** The upload-urls body for every chunk. */
    Map<String, Object> chunkBlobs() {
        Map<String, Object> distinct = new LinkedHashMap<>();
        chunks.forEach(c -> distinct.put(c.id().hex(), ApiFixture.obj("hash", c.id().hex(), "size", (long) c.size())));
        return ApiFixture.obj("blobs", new ArrayList<>(distinct.values()));
    }

    /** The bytes a ticket of this file's recipe or chunks asks for. */
    byte[] bytesOf(String hashHex) {
        if (recipeHash().hex().equals(hashHex)) {
            return recipe;
        }
        for (int i = 0; i < chunks.size(); i++) {
            if (chunks.get(i).id().hex().equals(hashHex)) {
                return parts.get(i);
            }
        }
        throw new AssertionError("no part with hash " + hashHex);
    }

    static UploadTicket ticket(JsonNode upload) {
        UploadDto dto = ApiJson.mapper().convertValue(upload, UploadDto.class);
        return new UploadTicket(URI.create(dto.url()), dto.method(), dto.headers(), Instant.parse(dto.expiresAt()));
    }
}
