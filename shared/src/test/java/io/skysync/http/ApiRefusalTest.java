package io.skysync.http;

import static io.skysync.http.ApiFixture.assertError;
import static io.skysync.http.ApiFixture.commitBody;
import static io.skysync.http.ApiFixture.deletion;
import static io.skysync.http.ApiFixture.entry;
import static io.skysync.http.ApiFixture.obj;
import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.domain.ContentHash;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.service.ServiceConfig;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every invalid input is refused with its exact error code, and the store sees no write: the
 * recording decorator logs no write call and the whole in-memory manifest is unchanged.
 */
class ApiRefusalTest {
    private static final String V1 = "/v1/vaults/v1";
    private static final String GOOD_HASH = ContentHash.ofBytes("hello".getBytes(StandardCharsets.UTF_8)).hex();

    /** The tokens of the fixture's devices, handed to each case. */
    record Ctx(ApiFixture api, String admin, String member, String readOnly, String revoked, String otherVault) {
    }

    private ApiFixture api;
    private Ctx ctx;
    private Map<String, String> before;

    @BeforeEach
    void setUp() {
        api = new ApiFixture(ApiFixture.SECRET);
        String admin = api.createVault("v1");
        String member = api.addDevice("v1", admin, "member", "member");
        String readOnly = api.addDevice("v1", admin, "reader", "read-only");
        String revoked = api.addDevice("v1", admin, "lost phone", "member");
        String revokedId = revoked.substring(0, revoked.indexOf('.'));
        ApiFixture.assertOk(api.post(V1 + "/devices/" + revokedId + "/revoke", admin, "{}"), 200);
        String otherVault = api.createVault("v2");
        ContentHash hello = api.putBlob("v1", "hello");
        ApiFixture.assertOk(api.post(V1 + "/commit", admin, commitBody(entry("existing.txt", 0, hello, 5))), 200);
        ApiFixture.assertOk(api.post(V1 + "/commit", admin, commitBody(entry("second.txt", 0, hello, 5))), 200);
        ctx = new Ctx(api, admin, member, readOnly, revoked, otherVault);
        before = api.memory.dump();
        api.store.clear();
    }

    // ----- invalid_path in every field that carries a path -----

    static Stream<Arguments> badPaths() {
        return Stream.of(
                Arguments.of("traversal", "../outside.txt"),
                Arguments.of("nested traversal", "a/../../outside.txt"),
                Arguments.of("absolute", "/etc/passwd"),
                Arguments.of("backslash", "a\\b.txt"),
                Arguments.of("NUL", "a\u0000b.txt"),
                Arguments.of("non-NFC", "cafe\u0301.txt"),
                Arguments.of("1025 bytes", "x".repeat(1025)),
                Arguments.of("drive letter", "C:/x.txt"));
    }

    static Stream<Arguments> pathFields() {
        List<String> fields = List.of("plan", "commit", "download-urls", "history", "files-after");
        return fields.stream().flatMap(field -> badPaths().map(a -> Arguments.of(field, a.get()[0], a.get()[1])));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("pathFields")
    void anyPathField_invalidPath_refusedWithInvalidPath(String field, String why, String path) {
        ApiResponse response = switch (field) {
            case "plan" -> api.post(V1 + "/plan", ctx.admin(),
                    obj("cursor", 0, "changes", List.of(obj("path", path, "baseVersion", 0, "hash", GOOD_HASH, "size", 5))));
            case "commit" -> api.post(V1 + "/commit", ctx.admin(), commitBody(obj("path", path, "baseVersion", 0,
                    "hash", GOOD_HASH, "size", 5)));
            case "download-urls" -> api.post(V1 + "/download-urls", ctx.admin(), obj("files", List.of(obj("path", path))));
            case "history" -> api.get(V1 + "/files/" + PercentCoding.encodePath(path) + "/history", ctx.admin());
            case "files-after" -> api.getWithQuery(V1 + "/files", Map.of("after", path), ctx.admin());
            default -> throw new AssertionError(field);
        };

        assertRefusedWithoutWrite(response, ErrorCode.INVALID_PATH);
    }

    @Test
    void history_rawDotDotSegmentsAndBadEscapes_refusedWithInvalidPath() {
        assertRefusedWithoutWrite(api.get(V1 + "/files/../../etc/passwd/history", ctx.admin()), ErrorCode.INVALID_PATH);
        assertRefusedWithoutWrite(api.get(V1 + "/files/a%2F..%2F..%2Fx/history", ctx.admin()), ErrorCode.INVALID_PATH);
        assertRefusedWithoutWrite(api.get(V1 + "/files/a%zz/history", ctx.admin()), ErrorCode.INVALID_PATH);
        assertRefusedWithoutWrite(api.get(V1 + "/files/a%FF/history", ctx.admin()), ErrorCode.INVALID_PATH);
        assertRefusedWithoutWrite(api.get(V1 + "/files/a%00b/history", ctx.admin()), ErrorCode.INVALID_PATH);
    }

    // ----- every other refusal, as a table -----

    static Stream<Arguments> refusals() {
        List<Arguments> cases = new ArrayList<>();
        // invalid_hash, invalid_size, invalid_version, invalid_cursor, invalid_vault
        for (String hash : List.of(GOOD_HASH.substring(1), GOOD_HASH.toUpperCase(), "z".repeat(64), "")) {
            add(cases, "commit hash '" + hash.length() + "'", ErrorCode.INVALID_HASH,
                    c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "hash", hash, "size", 1))));
            add(cases, "plan hash '" + hash.length() + "'", ErrorCode.INVALID_HASH,
                    c -> c.api().post(V1 + "/plan", c.admin(), obj("changes", List.of(obj("path", "n.txt", "baseVersion", 0, "hash", hash, "size", 1)))));
        }
        add(cases, "commit negative size", ErrorCode.INVALID_SIZE,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "hash", GOOD_HASH, "size", -1))));
        add(cases, "plan negative size", ErrorCode.INVALID_SIZE,
                c -> c.api().post(V1 + "/plan", c.admin(), obj("changes", List.of(obj("path", "n.txt", "baseVersion", 0, "hash", GOOD_HASH, "size", -5)))));
        add(cases, "commit negative baseVersion", ErrorCode.INVALID_VERSION,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", -1, "hash", GOOD_HASH, "size", 5))));
        add(cases, "download-urls negative version", ErrorCode.INVALID_VERSION,
                c -> c.api().post(V1 + "/download-urls", c.admin(), obj("files", List.of(obj("path", "existing.txt", "version", -1)))));
        add(cases, "plan negative cursor", ErrorCode.INVALID_CURSOR,
                c -> c.api().post(V1 + "/plan", c.admin(), obj("cursor", -1)));
        add(cases, "changes since=abc", ErrorCode.INVALID_CURSOR, c -> c.api().get(V1 + "/changes?since=abc", c.admin()));
        add(cases, "changes since=-1", ErrorCode.INVALID_CURSOR, c -> c.api().get(V1 + "/changes?since=-1", c.admin()));
        add(cases, "vault name with capitals", ErrorCode.INVALID_VAULT, c -> c.api().get("/v1/vaults/BAD/changes", c.admin()));
        add(cases, "create vault with a bad name", ErrorCode.INVALID_VAULT,
                c -> c.api().post("/v1/vaults", ApiFixture.SECRET, obj("vault", "../x")));

        // too_many_entries, duplicate_path
        add(cases, "commit 1001 entries", ErrorCode.TOO_MANY_ENTRIES, c -> c.api().post(V1 + "/commit", c.admin(),
                obj("entries", manyEntries(1001))));
        add(cases, "plan 1001 changes", ErrorCode.TOO_MANY_ENTRIES, c -> c.api().post(V1 + "/plan", c.admin(),
                obj("cursor", 0, "changes", manyEntries(1001))));
        add(cases, "download-urls 1001 files", ErrorCode.TOO_MANY_ENTRIES, c -> c.api().post(V1 + "/download-urls", c.admin(),
                obj("files", manyEntries(1001).stream().map(e -> obj("path", e.get("path"))).toList())));
        add(cases, "commit same path twice", ErrorCode.DUPLICATE_PATH, c -> c.api().post(V1 + "/commit", c.admin(),
                commitBody(obj("path", "d.txt", "baseVersion", 0, "hash", GOOD_HASH, "size", 5), deletion("d.txt", 0))));
        add(cases, "plan same path twice", ErrorCode.DUPLICATE_PATH, c -> c.api().post(V1 + "/plan", c.admin(),
                obj("changes", List.of(deletion("d.txt", 1), deletion("d.txt", 1)))));

        // body_too_large
        add(cases, "body one byte over the limit", ErrorCode.BODY_TOO_LARGE, c -> c.api().send("POST", V1 + "/commit", c.admin(),
                "application/json", padded("{\"entries\":[]}", ServiceConfig.MAX_BODY_BYTES + 1)));

        // malformed_json
        for (String text : List.of("{", "{\"entries\": [}", "{\"entries\": []", "{entries: []}", "{\"entries\": [],}",
                "{\"entries\": []} {}", "{\"entries\": []} x", "{\"entries\": [], \"entries\": []}", "", "   ",
                "{\"entries\":" + "[".repeat(1000) + "]".repeat(1000) + "}", "[".repeat(1000) + "]".repeat(1000),
                "{\"a\":".repeat(1000) + "1" + "}".repeat(1000))) {
            add(cases, "malformed " + (text.length() > 30 ? text.substring(0, 30) + "..." : text), ErrorCode.MALFORMED_JSON,
                    c -> c.api().post(V1 + "/commit", c.admin(), text));
        }
        add(cases, "invalid UTF-8 in a string", ErrorCode.MALFORMED_JSON, c -> c.api().send("POST", V1 + "/commit", c.admin(),
                "application/json", concat("{\"entries\":[{\"path\":\"a", new byte[] {(byte) 0xff, (byte) 0xfe}, "\"}]}")));
        add(cases, "overlong UTF-8 slash", ErrorCode.MALFORMED_JSON, c -> c.api().send("POST", V1 + "/commit", c.admin(),
                "application/json", concat("{\"entries\":[{\"path\":\"..", new byte[] {(byte) 0xc0, (byte) 0xaf}, "x\"}]}")));
        add(cases, "UTF-16 body", ErrorCode.MALFORMED_JSON, c -> c.api().send("POST", V1 + "/commit", c.admin(),
                "application/json", "{\"entries\":[]}".getBytes(StandardCharsets.UTF_16LE)));

        // invalid_request
        add(cases, "unknown top-level field", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), "{\"entries\":[],\"force\":true}"));
        add(cases, "unknown entry field", ErrorCode.INVALID_REQUEST, c -> c.api().post(V1 + "/commit", c.admin(),
                commitBody(obj("path", "n.txt", "baseVersion", 0, "hash", GOOD_HASH, "size", 5, "owner", "me"))));
        add(cases, "entries is a string", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), "{\"entries\":\"all\"}"));
        add(cases, "baseVersion as a string", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", "0", "hash", GOOD_HASH, "size", 5))));
        add(cases, "size as a float", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "hash", GOOD_HASH, "size", 5.5))));
        add(cases, "path as a number", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", 7, "baseVersion", 0, "hash", GOOD_HASH, "size", 5))));
        add(cases, "path as a boolean", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", true, "baseVersion", 0, "hash", GOOD_HASH, "size", 5))));
        add(cases, "hash as an object", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "hash", obj(), "size", 5))));
        add(cases, "deleted as a number", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "deleted", 1))));
        add(cases, "deleted as a string", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "deleted", "true"))));
        add(cases, "cursor as a string", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/plan", c.admin(), "{\"cursor\":\"5\"}"));
        add(cases, "missing entries", ErrorCode.INVALID_REQUEST, c -> c.api().post(V1 + "/commit", c.admin(), "{}"));
        add(cases, "missing hash", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 0, "size", 5))));
        add(cases, "missing baseVersion", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "hash", GOOD_HASH, "size", 5))));
        add(cases, "deletion with a hash", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/commit", c.admin(), commitBody(obj("path", "n.txt", "baseVersion", 1, "hash", GOOD_HASH, "deleted", true))));
        add(cases, "null entry", ErrorCode.INVALID_REQUEST, c -> c.api().post(V1 + "/commit", c.admin(), "{\"entries\":[null]}"));
        add(cases, "null body", ErrorCode.INVALID_REQUEST, c -> c.api().post(V1 + "/commit", c.admin(), "null"));
        add(cases, "array body", ErrorCode.INVALID_REQUEST, c -> c.api().post(V1 + "/commit", c.admin(), "[]"));
        add(cases, "limit=0", ErrorCode.INVALID_REQUEST, c -> c.api().get(V1 + "/changes?limit=0", c.admin()));
        add(cases, "limit=1001", ErrorCode.INVALID_REQUEST, c -> c.api().get(V1 + "/files?limit=1001", c.admin()));
        add(cases, "limit=ten", ErrorCode.INVALID_REQUEST, c -> c.api().get(V1 + "/changes?limit=ten", c.admin()));
        for (String wait : List.of("-1", "61", "ten", "1.5", "+5", "0x10", "99999999999", "%20")) {
            add(cases, "wait=" + wait, ErrorCode.INVALID_REQUEST, c -> c.api().get(V1 + "/changes?wait=" + wait, c.admin()));
        }
        add(cases, "unknown role", ErrorCode.INVALID_REQUEST,
                c -> c.api().post(V1 + "/devices", c.admin(), obj("name", "x", "role", "owner")));

        // unsupported_media_type
        for (String type : new String[] {null, "text/plain", "application/jsonp", "application/x-www-form-urlencoded"}) {
            add(cases, "content type " + type, ErrorCode.UNSUPPORTED_MEDIA_TYPE, c -> c.api().send("POST", V1 + "/commit",
                    c.admin(), type, "{\"entries\":[]}".getBytes(StandardCharsets.UTF_8)));
        }

        // unauthorized
        add(cases, "no Authorization header", ErrorCode.UNAUTHORIZED, c -> c.api().sendRaw("GET", V1 + "/changes", Map.of(), null));
        add(cases, "Basic credentials", ErrorCode.UNAUTHORIZED,
                c -> c.api().sendRaw("GET", V1 + "/changes", Map.of("Authorization", "Basic YWRtaW46YWRtaW4="), null));
        add(cases, "Bearer without a token", ErrorCode.UNAUTHORIZED,
                c -> c.api().sendRaw("GET", V1 + "/changes", Map.of("Authorization", "Bearer "), null));
        add(cases, "garbled token", ErrorCode.UNAUTHORIZED, c -> c.api().get(V1 + "/changes", "not-a-token"));
        add(cases, "huge token", ErrorCode.UNAUTHORIZED, c -> c.api().get(V1 + "/changes", "a".repeat(10_000)));
        add(cases, "right device, wrong secret", ErrorCode.UNAUTHORIZED,
                c -> c.api().get(V1 + "/changes", c.admin().substring(0, c.admin().indexOf('.') + 1) + "A".repeat(43)));
        add(cases, "revoked device", ErrorCode.UNAUTHORIZED, c -> c.api().get(V1 + "/changes", c.revoked()));
        add(cases, "revoked device commits", ErrorCode.UNAUTHORIZED,
                c -> c.api().post(V1 + "/commit", c.revoked(), commitBody(deletion("existing.txt", 1))));
        add(cases, "token of another vault", ErrorCode.UNAUTHORIZED, c -> c.api().get(V1 + "/changes", c.otherVault()));
        add(cases, "token of another vault commits", ErrorCode.UNAUTHORIZED,
                c -> c.api().post(V1 + "/commit", c.otherVault(), commitBody(deletion("existing.txt", 1))));
        add(cases, "unknown vault", ErrorCode.UNAUTHORIZED, c -> c.api().get("/v1/vaults/nope/changes", c.admin()));
        add(cases, "bootstrap secret as a device token", ErrorCode.UNAUTHORIZED,
                c -> c.api().get(V1 + "/changes", ApiFixture.SECRET));
        add(cases, "create vault with a wrong secret", ErrorCode.UNAUTHORIZED,
                c -> c.api().post("/v1/vaults", "wrong-secret", obj("vault", "v3")));
        add(cases, "create vault with a device token", ErrorCode.UNAUTHORIZED,
                c -> c.api().post("/v1/vaults", c.admin(), obj("vault", "v3")));

        // forbidden
        add(cases, "read-only device commits", ErrorCode.FORBIDDEN,
                c -> c.api().post(V1 + "/commit", c.readOnly(), commitBody(deletion("existing.txt", 1))));
        add(cases, "read-only device plans changes", ErrorCode.FORBIDDEN,
                c -> c.api().post(V1 + "/plan", c.readOnly(), obj("cursor", 0, "changes", List.of(deletion("existing.txt", 1)))));
        add(cases, "member adds an admin", ErrorCode.FORBIDDEN,
                c -> c.api().post(V1 + "/devices", c.member(), obj("name", "x", "role", "admin")));
        add(cases, "member revokes the admin", ErrorCode.FORBIDDEN,
                c -> c.api().post(V1 + "/devices/" + c.admin().substring(0, c.admin().indexOf('.')) + "/revoke", c.member(), "{}"));

        // not_found
        add(cases, "unknown top-level path", ErrorCode.NOT_FOUND, c -> c.api().get("/v1/nothing", c.admin()));
        add(cases, "unknown vault action", ErrorCode.NOT_FOUND, c -> c.api().get(V1 + "/everything", c.admin()));
        add(cases, "vault without action", ErrorCode.NOT_FOUND, c -> c.api().get(V1, c.admin()));
        add(cases, "history of a path never written", ErrorCode.NOT_FOUND, c -> c.api().get(V1 + "/files/never.txt/history", c.admin()));
        add(cases, "revoke an unknown device", ErrorCode.NOT_FOUND,
                c -> c.api().post(V1 + "/devices/ffffffffffffffff/revoke", c.admin(), "{}"));
        add(cases, "enrol into an unknown vault", ErrorCode.NOT_FOUND,
                c -> c.api().post("/v1/vaults/nope/devices", ApiFixture.SECRET, obj("name", "x")));

        // method_not_allowed
        add(cases, "GET plan", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().get(V1 + "/plan", c.admin()));
        add(cases, "GET commit", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().get(V1 + "/commit", c.admin()));
        add(cases, "POST changes", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().post(V1 + "/changes", c.admin(), "{}"));
        add(cases, "POST files", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().post(V1 + "/files", c.admin(), "{}"));
        add(cases, "GET download-urls", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().get(V1 + "/download-urls", c.admin()));
        add(cases, "DELETE history", ErrorCode.METHOD_NOT_ALLOWED,
                c -> c.api().send("DELETE", V1 + "/files/existing.txt/history", c.admin(), null, null));
        add(cases, "GET vaults", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().get("/v1/vaults", ApiFixture.SECRET));
        add(cases, "PUT commit", ErrorCode.METHOD_NOT_ALLOWED,
                c -> c.api().send("PUT", V1 + "/commit", c.admin(), "application/json", "{}".getBytes(StandardCharsets.UTF_8)));
        add(cases, "POST health", ErrorCode.METHOD_NOT_ALLOWED, c -> c.api().post("/v1/health", null, "{}"));

        // cursor_expired: a cursor past the head (the vault was recreated)
        add(cases, "plan cursor past the head", ErrorCode.CURSOR_EXPIRED,
                c -> c.api().post(V1 + "/plan", c.admin(), obj("cursor", 999)));
        add(cases, "changes since past the head", ErrorCode.CURSOR_EXPIRED, c -> c.api().get(V1 + "/changes?since=3", c.admin()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void request_invalid_refusedWithItsCodeAndNoWrite(String name, ErrorCode expected, Function<Ctx, ApiResponse> call) {
        assertRefusedWithoutWrite(call.apply(ctx), expected);
    }

    @Test
    void plan_sizeAboveTheStoresOneUpload_tooLargeNoTicketNoWrite() {
        long over = api.blobs.maxUploadBytes() + 1;

        ApiResponse response = api.post(V1 + "/plan", ctx.admin(), obj("cursor", 0, "changes", List.of(
                obj("path", "huge.iso", "baseVersion", 0, "hash", GOOD_HASH, "size", over))));

        assertRefusedWithoutWrite(response, ErrorCode.TOO_LARGE);
        assertThat(api.blobs.presignedPuts()).isZero();
    }

    @Test
    void createVault_existingName_conflictAndNothingChanged() {
        ApiResponse response = api.post("/v1/vaults", ApiFixture.SECRET, obj("vault", "v1", "deviceName", "again"));

        assertError(response, ErrorCode.CONFLICT);
        assertThat(api.memory.dump()).isEqualTo(before);
        assertThat(api.store.writes()).containsExactly("createVault v1"); // tried atomically, refused by the store
    }

    @Test
    void createVault_withoutBootstrapSecretConfigured_forbidden() {
        ApiFixture locked = new ApiFixture(null);

        ApiResponse response = locked.post("/v1/vaults", "anything", obj("vault", "v1"));

        assertError(response, ErrorCode.FORBIDDEN);
        assertThat(locked.store.writes()).isEmpty();
        assertThat(locked.memory.dump()).isEmpty();
    }

    @Test
    void changes_cursorBelowTheLogFloor_cursorExpired() {
        api.memory.raiseLogFloor(new VaultId("v1"), Seq.of(1));
        before = api.memory.dump();

        assertRefusedWithoutWrite(api.get(V1 + "/changes?since=0", ctx.admin()), ErrorCode.CURSOR_EXPIRED);
        assertRefusedWithoutWrite(api.post(V1 + "/plan", ctx.admin(), obj("cursor", 0)), ErrorCode.CURSOR_EXPIRED);
        ApiFixture.assertOk(api.get(V1 + "/changes?since=1", ctx.admin()), 200);
    }

    @Test
    void error_messages_neverEchoTheToken() {
        ApiResponse response = api.get(V1 + "/changes", ctx.admin().substring(0, ctx.admin().indexOf('.') + 1) + "S".repeat(43));

        assertThat(new String(response.body(), StandardCharsets.UTF_8)).doesNotContain("SSSS");
    }

    private void assertRefusedWithoutWrite(ApiResponse response, ErrorCode code) {
        assertError(response, code);
        assertThat(api.store.writes()).as("store writes").isEmpty();
        assertThat(api.memory.dump()).as("manifest unchanged").isEqualTo(before);
    }

    private static void add(List<Arguments> cases, String name, ErrorCode code, Function<Ctx, ApiResponse> call) {
        cases.add(Arguments.of(name, code, call));
    }

    private static List<Map<String, Object>> manyEntries(int n) {
        List<Map<String, Object>> entries = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            entries.add(obj("path", "many/f" + i, "baseVersion", 0, "hash", GOOD_HASH, "size", 5));
        }
        return entries;
    }

    private static byte[] padded(String json, int size) {
        byte[] out = new byte[size];
        Arrays.fill(out, (byte) ' ');
        byte[] text = json.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(text, 0, out, 0, text.length);
        return out;
    }

    private static byte[] concat(String head, byte[] middle, String tail) {
        byte[] a = head.getBytes(StandardCharsets.UTF_8);
        byte[] c = tail.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[a.length + middle.length + c.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(middle, 0, out, a.length, middle.length);
        System.arraycopy(c, 0, out, a.length + middle.length, c.length);
        return out;
    }
}
