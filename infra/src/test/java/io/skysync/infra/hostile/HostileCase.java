package io.skysync.infra.hostile;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One request a caller must never get through, sent byte for byte as written here (raw socket, so
 * nothing normalizes the path, the method or the headers on the way), and the one answer every
 * flavour must give: {@code expectedStatus} with {@code {"error":{"code": expectedCode, ...}}}.
 * Placeholders in the path and the header values ({@link Fixture#ADMIN} etc.) are filled in by
 * the fixture of the flavour under test, in the body as well.
 *
 * <p>A refused request must write nothing, with one documented kind of exception: a refused
 * pairing attempt still counts against its vault's attempt limit (docs/api.md, {@code POST
 * /v1/pair}), so it writes that counter. Such a case names the rows it may change in
 * {@code allowedWrites}; every other row and every blob must stay as it was.
 *
 * @param headers       request headers in order, beyond {@code Host}, {@code Connection} and {@code Content-Length}
 * @param body          the exact body bytes; empty for none
 * @param allowedWrites prefixes of the rows (as {@link StoreSnapshot} keys them: {@code <vault>/<row key>}) the
 *                      request may write; empty for the usual case of "writes nothing"
 */
public record HostileCase(String name, String method, String path, Map<String, String> headers, byte[] body,
                          int expectedStatus, String expectedCode, Set<String> allowedWrites) {
    /** The logical row key prefix of a vault's pairing attempt counter, the same on both flavours. */
    static final String PAIRING_ATTEMPTS_ROW = "pairtry#";

    public HostileCase {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
        body = body == null ? new byte[0] : body.clone();
        allowedWrites = Collections.unmodifiableSet(new TreeSet<>(allowedWrites));
    }

    HostileCase(String name, String method, String path, Map<String, String> headers, byte[] body,
                int expectedStatus, String expectedCode) {
        this(name, method, path, headers, body, expectedStatus, expectedCode, Set.of());
    }

    /**
     * This case, allowed to write exactly the pairing attempt counter of {@code vault} (row key
     * {@code pairtry#<window>}): the one write a refused {@code POST /v1/pair} legitimately makes.
     */
    HostileCase countingAPairingAttemptIn(String vault) {
        return new HostileCase(name, method, path, headers, body, expectedStatus, expectedCode,
                Set.of(StoreSnapshot.key(vault, PAIRING_ATTEMPTS_ROW)));
    }

    /** Whether the row with this {@link StoreSnapshot} key is one this case may write. */
    boolean mayWrite(String rowKey) {
        return allowedWrites.stream().anyMatch(rowKey::startsWith);
    }

    /** A JSON body sent with {@code Content-Type: application/json} as the given credential. */
    static HostileCase json(String name, String method, String path, String bearer, String json, int status, String code) {
        return bytes(name, method, path, bearer, "application/json", json.getBytes(StandardCharsets.UTF_8), status, code);
    }

    /** No body, no content type. */
    static HostileCase bodiless(String name, String method, String path, String bearer, int status, String code) {
        return new HostileCase(name, method, path, authorization(bearer), new byte[0], status, code);
    }

    /** Raw body bytes with the given content type (null: no {@code Content-Type} header). */
    static HostileCase bytes(String name, String method, String path, String bearer, String contentType, byte[] body,
                             int status, String code) {
        Map<String, String> headers = authorization(bearer);
        if (contentType != null) {
            headers.put("Content-Type", contentType);
        }
        return new HostileCase(name, method, path, headers, body, status, code);
    }

    /** Exactly these headers (an odd {@code Authorization} scheme, say) and a JSON body. */
    static HostileCase withHeaders(String name, String method, String path, Map<String, String> headers, String json,
                                   int status, String code) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Type", "application/json");
        return new HostileCase(name, method, path, all, json.getBytes(StandardCharsets.UTF_8), status, code);
    }

    private static Map<String, String> authorization(String bearer) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return headers;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof HostileCase that && name.equals(that.name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    /** The name: what a parameterized test shows, and the key of the table in docs/reliability.md. */
    @Override
    public String toString() {
        return name;
    }
}
