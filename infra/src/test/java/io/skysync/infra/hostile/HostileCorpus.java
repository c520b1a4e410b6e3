package io.skysync.infra.hostile;

import static io.skysync.infra.hostile.HostileCase.bodiless;
import static io.skysync.infra.hostile.HostileCase.bytes;
import static io.skysync.infra.hostile.HostileCase.json;
import static io.skysync.infra.hostile.HostileCase.withHeaders;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The hostile-input corpus: every request here must be refused with its 4xx and must change
 * nothing, on every flavour. Each is refused before any write: bodies and URLs are checked before
 * the token, and a token is checked before anything is read for the caller. That is why no case
 * is an <em>authorized</em> request that could legitimately write (a plan records the device's
 * last-seen time).
 *
 * <p>One exception, named in the case itself: a well-formed {@code POST /v1/pair} for an existing
 * vault counts against that vault's attempt limit before its code is looked at, so a refused
 * attempt (a replayed, expired or wrong code) writes the vault's attempt counter and nothing else
 * ({@link HostileCase#countingAPairingAttemptIn}). Those attempts stay under the limit
 * ({@link #pairingAttemptsPerVault}), so none of them meets the lock instead of its own answer.
 *
 * <p>docs/reliability.md lists every case with its answer; {@code HostileCorpusTest} keeps that
 * table equal to this one.
 */
public final class HostileCorpus {
    /** A well-formed hash, so only the field under test is wrong. */
    static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    private static final String VAULT_PATH = "/v1/vaults/" + Fixture.VAULT;
    static final String PLAN = VAULT_PATH + "/plan";
    static final String COMMIT = VAULT_PATH + "/commit";
    static final String DOWNLOAD = VAULT_PATH + "/download-urls";
    static final String UPLOAD = VAULT_PATH + "/upload-urls";
    static final String CHUNK_URLS = VAULT_PATH + "/chunk-urls";
    static final String CHANGES = VAULT_PATH + "/changes";
    static final String FILES = VAULT_PATH + "/files";
    static final String TRASH = VAULT_PATH + "/trash";
    static final String DEVICES = VAULT_PATH + "/devices";
    static final String PAIRING_CODES = VAULT_PATH + "/pairing-codes";
    static final String VERIFY = VAULT_PATH + "/blobs/verify";
    static final String PAIR = "/v1/pair";
    private static final String ADMIN = Fixture.ADMIN;

    private HostileCorpus() {
    }

    public static List<HostileCase> cases() {
        return Stream.of(traversal(), absoluteAndWindowsPaths(), controlCharacters(), overLong(), invalidUtf8AndUnicode(),
                        hashesSizesVersionsCursors(), batches(), credentials(), readOnlyDevice(), pairingCodes(),
                        pairingRefusedBeforeCounting(), pairingAttempts(), jsonBombs(),
                        wrongShapes(), contentTypes(), methodsAndRoutes(), trash(), routeShapes(), uploadUrls(), renameBodies(), renameRefusals(),
                        chunked(), foldersAndMetadata())
                .flatMap(List::stream)
                .toList();
    }

    private static List<HostileCase> traversal() {
        return List.of(
                json("plan: ../ in a change path", "POST", PLAN, ADMIN, plan(change("../etc/passwd")), 400, "invalid_path"),
                json("plan: .. inside a change path", "POST", PLAN, ADMIN, plan(change("docs/../../x")), 400, "invalid_path"),
                json("commit: ../ in an entry path", "POST", COMMIT, ADMIN, commit(entry("../x")), 400, "invalid_path"),
                json("commit: . segment in an entry path", "POST", COMMIT, ADMIN, commit(entry("a/./b")), 400, "invalid_path"),
                json("commit: empty segment in an entry path", "POST", COMMIT, ADMIN, commit(entry("a//b")), 400, "invalid_path"),
                json("commit: trailing slash in an entry path", "POST", COMMIT, ADMIN, commit(entry("docs/")), 400, "invalid_path"),
                json("commit: traversal in a deletion", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"../x\",\"baseVersion\":1,\"deleted\":true}"), 400, "invalid_path"),
                json("download-urls: ../ in a file path", "POST", DOWNLOAD, ADMIN, download("../../secret"), 400, "invalid_path"),
                bodiless("history: ../ in the URL, escaped", "GET", FILES + "/..%2F..%2Fetc%2Fpasswd/history", ADMIN, 400, "invalid_path"),
                bodiless("history: ../ in the URL, raw", "GET", FILES + "/a/../../b/history", ADMIN, 400, "invalid_path"),
                bodiless("history: . segment in the URL, escaped dots", "GET", FILES + "/%2E/history", ADMIN, 400, "invalid_path"),
                bodiless("files: ../ in after=", "GET", FILES + "?after=../x", ADMIN, 400, "invalid_path"),
                bodiless("files: escaped ../ in after=", "GET", FILES + "?after=%2E%2E%2Fx", ADMIN, 400, "invalid_path"));
    }

    private static List<HostileCase> absoluteAndWindowsPaths() {
        return List.of(
                json("commit: absolute path", "POST", COMMIT, ADMIN, commit(entry("/etc/passwd")), 400, "invalid_path"),
                json("plan: Windows path C:\\x", "POST", PLAN, ADMIN, plan(change("C:\\x")), 400, "invalid_path"),
                json("commit: drive path C:/x", "POST", COMMIT, ADMIN, commit(entry("C:/x")), 400, "invalid_path"),
                json("commit: drive-relative path C:x", "POST", COMMIT, ADMIN, commit(entry("C:x")), 400, "invalid_path"),
                json("download-urls: UNC path \\\\server\\share", "POST", DOWNLOAD, ADMIN, download("\\\\server\\share"),
                        400, "invalid_path"),
                json("plan: backslash traversal ..\\x", "POST", PLAN, ADMIN, plan(change("..\\x")), 400, "invalid_path"),
                bodiless("history: drive path in the URL", "GET", FILES + "/C:%5Cx/history", ADMIN, 400, "invalid_path"),
                bodiless("files: absolute after=", "GET", FILES + "?after=%2Fetc", ADMIN, 400, "invalid_path"));
    }

    private static List<HostileCase> controlCharacters() {
        return List.of(
                json("commit: NUL in a path", "POST", COMMIT, ADMIN, commit(entry("a\u0000b")), 400, "invalid_path"),
                json("plan: newline in a path", "POST", PLAN, ADMIN, plan(change("a\nb")), 400, "invalid_path"),
                json("download-urls: C1 control U+0085 in a path", "POST", DOWNLOAD, ADMIN, download("a\u0085b"), 400, "invalid_path"),
                json("commit: DEL in a path", "POST", COMMIT, ADMIN, commit(entry("a\u007fb")), 400, "invalid_path"),
                bodiless("history: %00 in the URL", "GET", FILES + "/a%00b/history", ADMIN, 400, "invalid_path"),
                bodiless("files: %01 in after=", "GET", FILES + "?after=a%01b", ADMIN, 400, "invalid_path"));
    }

    private static List<HostileCase> overLong() {
        byte[] overLimit = padded("{\"entries\":[", 6 * 1024 * 1024 + 1, "]}");
        byte[] sevenMegabytes = padded("{\"cursor\":0,\"changes\":[", 7 * 1024 * 1024, "]}");
        return List.of(
                json("commit: path of 1025 bytes", "POST", COMMIT, ADMIN, commit(entry("a".repeat(1025))), 400, "invalid_path"),
                json("plan: path of 1026 bytes in 2-byte characters", "POST", PLAN, ADMIN, plan(change("é".repeat(513))),
                        400, "invalid_path"),
                bodiless("history: 1100-byte path in the URL", "GET", FILES + "/" + "a".repeat(1100) + "/history", ADMIN,
                        400, "invalid_path"),
                bytes("commit: body of 6 MiB + 1 byte", "POST", COMMIT, ADMIN, "application/json", overLimit, 413, "body_too_large"),
                bytes("plan: body of 7 MiB", "POST", PLAN, ADMIN, "application/json", sevenMegabytes, 413, "body_too_large"),
                json("commit: string over 64 KiB", "POST", COMMIT, ADMIN, commit(entry("a".repeat(70_000))), 400, "malformed_json"));
    }

    private static List<HostileCase> invalidUtf8AndUnicode() {
        return List.of(
                bytes("commit: raw 0xFF byte in the body", "POST", COMMIT, ADMIN, "application/json",
                        withRawBytes(commit(entry("a@.txt")), '@', 0xFF), 400, "malformed_json"),
                bytes("commit: overlong UTF-8 for / (C0 AF)", "POST", COMMIT, ADMIN, "application/json",
                        withRawBytes(commit(entry("..@x")), '@', 0xC0, 0xAF), 400, "malformed_json"),
                bytes("plan: UTF-8-encoded surrogate (ED A0 80)", "POST", PLAN, ADMIN, "application/json",
                        withRawBytes(plan(change("a@")), '@', 0xED, 0xA0, 0x80), 400, "malformed_json"),
                bytes("plan: UTF-16 body with a BOM", "POST", PLAN, ADMIN, "application/json",
                        utf16(plan(change("a.txt"))), 400, "malformed_json"),
                bodiless("history: %FF in the URL", "GET", FILES + "/a%FFb/history", ADMIN, 400, "invalid_path"),
                bodiless("history: overlong %C0%AF in the URL", "GET", FILES + "/..%C0%AFx/history", ADMIN, 400, "invalid_path"),
                json("commit: unpaired surrogate \\uD800 in a path", "POST", COMMIT, ADMIN, commit(entry("a\uD800")),
                        400, "invalid_path"),
                json("commit: NFD path (e + U+0301)", "POST", COMMIT, ADMIN, commit(entry("cafe\u0301")), 400, "invalid_path"));
    }

    private static List<HostileCase> hashesSizesVersionsCursors() {
        return List.of(
                json("plan: hash of 63 characters", "POST", PLAN, ADMIN, plan(change("a.txt", HASH.substring(1), 1)), 400, "invalid_hash"),
                json("commit: hash of 65 characters", "POST", COMMIT, ADMIN, commit(entry("a.txt", HASH + "0", 1)), 400, "invalid_hash"),
                json("commit: upper-case hash", "POST", COMMIT, ADMIN, commit(entry("a.txt", HASH.toUpperCase(Locale.ROOT), 1)),
                        400, "invalid_hash"),
                json("plan: non-hex hash", "POST", PLAN, ADMIN, plan(change("a.txt", "g".repeat(64), 1)), 400, "invalid_hash"),
                json("commit: empty hash", "POST", COMMIT, ADMIN, commit(entry("a.txt", "", 1)), 400, "invalid_hash"),
                json("commit: size -1", "POST", COMMIT, ADMIN, commit(entry("a.txt", HASH, -1)), 400, "invalid_size"),
                json("plan: size Long.MIN_VALUE", "POST", PLAN, ADMIN, plan(change("a.txt", HASH, Long.MIN_VALUE)), 400, "invalid_size"),
                json("plan: size 6 GiB, above one upload", "POST", PLAN, ADMIN, plan(change("a.txt", HASH, 6L << 30)),
                        413, "too_large"),
                json("plan: size Long.MAX_VALUE", "POST", PLAN, ADMIN, plan(change("a.txt", HASH, Long.MAX_VALUE)),
                        413, "too_large"),
                json("commit: baseVersion -1", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":-1,\"hash\":\"" + HASH + "\",\"size\":1}"), 400, "invalid_version"),
                json("download-urls: version -5", "POST", DOWNLOAD, ADMIN, "{\"files\":[{\"path\":\"a.txt\",\"version\":-5}]}",
                        400, "invalid_version"),
                json("plan: cursor -1", "POST", PLAN, ADMIN, "{\"cursor\":-1}", 400, "invalid_cursor"),
                bodiless("changes: since=-1", "GET", CHANGES + "?since=-1", ADMIN, 400, "invalid_cursor"),
                bodiless("changes: since=abc", "GET", CHANGES + "?since=abc", ADMIN, 400, "invalid_cursor"),
                bodiless("changes: limit=0", "GET", CHANGES + "?limit=0", ADMIN, 400, "invalid_request"),
                bodiless("changes: wait=-1", "GET", CHANGES + "?wait=-1", ADMIN, 400, "invalid_request"),
                bodiless("changes: wait=61 (over the bound)", "GET", CHANGES + "?wait=61", ADMIN, 400, "invalid_request"),
                bodiless("changes: wait=1.5", "GET", CHANGES + "?wait=1.5", ADMIN, 400, "invalid_request"),
                bodiless("changes: wait=abc", "GET", CHANGES + "?wait=abc", ADMIN, 400, "invalid_request"),
                bodiless("changes: wait=99999999999", "GET", CHANGES + "?wait=99999999999", ADMIN, 400, "invalid_request"),
                bodiless("files: limit=1001", "GET", FILES + "?limit=1001", ADMIN, 400, "invalid_request"));
    }

    private static List<HostileCase> batches() {
        String thousandAndOne = IntStream.rangeClosed(0, 1000).mapToObj(i -> entry("f" + i)).collect(Collectors.joining(","));
        return List.of(
                json("commit: one path twice in a batch", "POST", COMMIT, ADMIN, commit(entry("a.txt"), entry("a.txt")),
                        400, "duplicate_path"),
                json("plan: one path twice in a batch", "POST", PLAN, ADMIN, plan(change("a.txt"), change("a.txt")),
                        400, "duplicate_path"),
                json("commit: 1001 entries", "POST", COMMIT, ADMIN, "{\"entries\":[" + thousandAndOne + "]}",
                        400, "too_many_entries"),
                json("commit: deletion carrying a hash", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":1,\"deleted\":true,\"hash\":\"" + HASH + "\"}"),
                        400, "invalid_request"));
    }

    private static List<HostileCase> credentials() {
        String unknownVault = "/v1/vaults/no-such-vault/commit";
        return List.of(
                json("commit: no Authorization header", "POST", COMMIT, null, commit(entry("a.txt")), 401, "unauthorized"),
                json("commit: garbled token", "POST", COMMIT, "!!not a token!!", commit(entry("a.txt")), 401, "unauthorized"),
                json("commit: forged token of the right shape", "POST", COMMIT,
                        "0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", commit(entry("a.txt")), 401, "unauthorized"),
                json("commit: right device, wrong secret", "POST", COMMIT, Fixture.ADMIN_WRONG_SECRET, commit(entry("a.txt")),
                        401, "unauthorized"),
                withHeaders("commit: Basic instead of Bearer", "POST", COMMIT, Map.of("Authorization", "Basic " + ADMIN),
                        commit(entry("a.txt")), 401, "unauthorized"),
                withHeaders("commit: Authorization of 600 characters", "POST", COMMIT,
                        Map.of("Authorization", "Bearer " + "a".repeat(593)), commit(entry("a.txt")), 401, "unauthorized"),
                json("commit: revoked device", "POST", COMMIT, Fixture.REVOKED, commit(entry("a.txt")), 401, "unauthorized"),
                json("commit: token of another vault", "POST", COMMIT, Fixture.OTHER_VAULT, commit(entry("a.txt")), 401, "unauthorized"),
                bodiless("changes: token of another vault", "GET", CHANGES, Fixture.OTHER_VAULT, 401, "unauthorized"),
                json("commit: unknown vault", "POST", unknownVault, ADMIN, commit(entry("a.txt")), 401, "unauthorized"),
                bodiless("changes: bootstrap secret as a device token", "GET", CHANGES, Fixture.BOOTSTRAP, 401, "unauthorized"),
                json("create vault: wrong bootstrap secret", "POST", "/v1/vaults", "wrong-secret",
                        "{\"vault\":\"intruder\",\"deviceName\":\"x\"}", 401, "unauthorized"),
                json("create vault: device token as the bootstrap secret", "POST", "/v1/vaults", ADMIN,
                        "{\"vault\":\"intruder\",\"deviceName\":\"x\"}", 401, "unauthorized"),
                json("create vault: existing vault", "POST", "/v1/vaults", Fixture.BOOTSTRAP,
                        "{\"vault\":\"" + Fixture.VAULT + "\",\"deviceName\":\"x\"}", 409, "conflict"),
                json("create vault: invalid vault name", "POST", "/v1/vaults", Fixture.BOOTSTRAP,
                        "{\"vault\":\"../x\",\"deviceName\":\"x\"}", 400, "invalid_vault"),
                json("plan: invalid vault name in the URL", "POST", "/v1/vaults/UPPER%2F..%2Fx/plan", ADMIN, plan(), 400, "invalid_vault"),
                bodiless("revoke: invalid device id in the URL", "POST", DEVICES + "/..%2Fadmin/revoke", ADMIN, 400, "invalid_device"),
                json("pair: truncated JSON", "POST", "/v1/pair", null, "{\"vault\":\"" + Fixture.VAULT + "\",\"code\":",
                        400, "malformed_json"),
                bytes("pair: text/plain", "POST", "/v1/pair", null, "text/plain",
                        "1234-5678".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"),
                json("enrol: unknown vault with the bootstrap secret", "POST", "/v1/vaults/no-such-vault/devices", Fixture.BOOTSTRAP,
                        "{\"name\":\"x\",\"role\":\"member\"}", 404, "not_found"));
    }

    private static List<HostileCase> readOnlyDevice() {
        return List.of(
                json("read-only: commit", "POST", COMMIT, Fixture.READ_ONLY, commit(entry("a.txt")), 403, "forbidden"),
                json("read-only: plan with changes", "POST", PLAN, Fixture.READ_ONLY, plan(change("a.txt")), 403, "forbidden"),
                json("read-only: commit a deletion", "POST", COMMIT, Fixture.READ_ONLY,
                        commit("{\"path\":\"" + Fixture.EXISTING_FILE + "\",\"baseVersion\":1,\"deleted\":true}"), 403, "forbidden"),
                json("read-only: enrol an admin", "POST", DEVICES, Fixture.READ_ONLY, "{\"name\":\"x\",\"role\":\"admin\"}",
                        403, "forbidden"),
                json("read-only: enrol a read-only device", "POST", DEVICES, Fixture.READ_ONLY, "{\"name\":\"x\",\"role\":\"read-only\"}",
                        403, "forbidden"),
                bodiless("read-only: revoke the admin", "POST", DEVICES + "/" + Fixture.ADMIN_ID + "/revoke", Fixture.READ_ONLY,
                        403, "forbidden"));
    }

    private static List<HostileCase> pairingCodes() {
        return List.of(
                json("pairing-codes: read-only device asks for a member code", "POST", PAIRING_CODES, Fixture.READ_ONLY,
                        "{\"role\":\"member\"}", 403, "forbidden"),
                json("pairing-codes: read-only device asks for a read-only code", "POST", PAIRING_CODES, Fixture.READ_ONLY,
                        "{\"role\":\"read-only\"}", 403, "forbidden"),
                json("pairing-codes: member asks for an admin code", "POST", PAIRING_CODES, Fixture.MEMBER,
                        "{\"role\":\"admin\"}", 403, "forbidden"),
                json("pairing-codes: unknown role", "POST", PAIRING_CODES, ADMIN, "{\"role\":\"root\"}", 400, "invalid_request"),
                json("pairing-codes: revoked device", "POST", PAIRING_CODES, Fixture.REVOKED, "{\"role\":\"member\"}",
                        401, "unauthorized"),
                json("pairing-codes: no Authorization header", "POST", PAIRING_CODES, null, "{\"role\":\"member\"}",
                        401, "unauthorized"),
                json("pairing-codes: token of another vault", "POST", PAIRING_CODES, Fixture.OTHER_VAULT,
                        "{\"role\":\"member\"}", 401, "unauthorized"));
    }

    /** Bad exchanges refused before the attempt counter: nothing at all is written (docs/api.md). */
    private static List<HostileCase> pairingRefusedBeforeCounting() {
        return List.of(
                json("pair: missing code", "POST", PAIR, null, "{\"vault\":\"" + Fixture.PAIRING_VAULT + "\",\"deviceName\":\"x\"}",
                        400, "invalid_request"),
                json("pair: missing vault", "POST", PAIR, null, "{\"code\":\"" + Fixture.UNUSED_CODE + "\"}", 400, "invalid_request"),
                json("pair: code of 7 digits", "POST", PAIR, null, pair(Fixture.PAIRING_VAULT, "1234-567"), 400, "invalid_request"),
                json("pair: code with a letter", "POST", PAIR, null, pair(Fixture.PAIRING_VAULT, "1234-567a"), 400, "invalid_request"),
                json("pair: code as a number", "POST", PAIR, null,
                        "{\"vault\":\"" + Fixture.PAIRING_VAULT + "\",\"code\":12345678}", 400, "invalid_request"),
                json("pair: asks for its own role (unknown field)", "POST", PAIR, null,
                        "{\"vault\":\"" + Fixture.PAIRING_VAULT + "\",\"code\":\"" + Fixture.UNUSED_CODE + "\",\"role\":\"admin\"}",
                        400, "invalid_request"),
                json("pair: device name of 65 characters", "POST", PAIR, null,
                        pair(Fixture.PAIRING_VAULT, Fixture.UNUSED_CODE, "n".repeat(65)), 400, "invalid_request"),
                json("pair: BEL in the device name", "POST", PAIR, null,
                        pair(Fixture.PAIRING_VAULT, Fixture.UNUSED_CODE, "a\u0007b"), 400, "invalid_request"),
                json("pair: unpaired surrogate \\uD800 in the device name", "POST", PAIR, null,
                        pair(Fixture.PAIRING_VAULT, Fixture.UNUSED_CODE, "a\uD800b"), 400, "invalid_request"),
                json("pair: right-to-left override U+202E in the device name", "POST", PAIR, null,
                        pair(Fixture.PAIRING_VAULT, Fixture.UNUSED_CODE, "\u202Eenohp"), 400, "invalid_request"),
                json("pair: invalid vault name", "POST", PAIR, null, pair("../" + Fixture.PAIRING_VAULT, Fixture.UNUSED_CODE),
                        400, "invalid_vault"));
    }

    /** Well-formed exchanges with a code that must not work: each counts one attempt, and writes only that. */
    private static List<HostileCase> pairingAttempts() {
        return List.of(
                json("pair: replayed code (already used once)", "POST", PAIR, null, pair(Fixture.PAIRING_VAULT, Fixture.USED_CODE),
                        401, "unauthorized").countingAPairingAttemptIn(Fixture.PAIRING_VAULT),
                json("pair: expired code", "POST", PAIR, null, pair(Fixture.PAIRING_VAULT, Fixture.EXPIRED_CODE),
                        401, "unauthorized").countingAPairingAttemptIn(Fixture.PAIRING_VAULT),
                json("pair: wrong code", "POST", PAIR, null, pair(Fixture.PAIRING_VAULT, Fixture.WRONG_CODE),
                        401, "unauthorized").countingAPairingAttemptIn(Fixture.PAIRING_VAULT),
                json("pair: unused code of another vault", "POST", PAIR, null, pair(Fixture.OTHER_VAULT_NAME, Fixture.UNUSED_CODE),
                        401, "unauthorized").countingAPairingAttemptIn(Fixture.OTHER_VAULT_NAME),
                // Counted like a known vault's, so the answers never tell whether a vault exists.
                json("pair: unknown vault", "POST", PAIR, null, pair("no-such-vault", Fixture.UNUSED_CODE),
                        401, "unauthorized").countingAPairingAttemptIn("no-such-vault"));
    }

    /**
     * How many pairing attempts each vault sees over a whole run, set-up included: the cases that
     * count one, plus {@link Fixture#SET_UP_PAIRING_ATTEMPTS}.
     */
    static Map<String, Integer> pairingAttemptsPerVault() {
        Map<String, Integer> attempts = new TreeMap<>(Fixture.SET_UP_PAIRING_ATTEMPTS);
        for (HostileCase c : cases()) {
            for (String allowed : c.allowedWrites()) {
                String vault = allowed.substring(0, allowed.indexOf('/'));
                attempts.merge(vault, 1, Integer::sum);
            }
        }
        return attempts;
    }

    private static List<HostileCase> jsonBombs() {
        String deepArrays = "[".repeat(100_000) + "]".repeat(100_000);
        String deepObjects = "{\"a\":".repeat(33) + "1" + "}".repeat(33);
        String wideArray = "{\"entries\":[" + "0,".repeat(1_000_000) + "0]}";
        String wideEmptyObjects = "{\"entries\":[" + "{},".repeat(500_000) + "{}]}";
        return List.of(
                json("commit: 100 000 nested arrays", "POST", COMMIT, ADMIN, "{\"entries\":" + deepArrays + "}", 400, "malformed_json"),
                json("plan: 33 nested objects", "POST", PLAN, ADMIN, deepObjects, 400, "malformed_json"),
                json("commit: a million numbers in entries", "POST", COMMIT, ADMIN, wideArray, 400, "invalid_request"),
                json("commit: 500 001 empty entries", "POST", COMMIT, ADMIN, wideEmptyObjects, 400, "too_many_entries"),
                json("commit: size with 40 digits", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":" + "9".repeat(40) + "}"),
                        400, "malformed_json"),
                json("commit: size 2^63 (overflows a long)", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":9223372036854775808}"),
                        400, "malformed_json"),
                json("plan: cursor 1e400", "POST", PLAN, ADMIN, "{\"cursor\":1e400}", 400, "invalid_request"),
                json("plan: duplicate key", "POST", PLAN, ADMIN, "{\"cursor\":0,\"cursor\":5}", 400, "malformed_json"),
                json("plan: trailing content after the object", "POST", PLAN, ADMIN, "{\"cursor\":0} {\"cursor\":1}", 400, "malformed_json"),
                json("commit: truncated JSON", "POST", COMMIT, ADMIN, "{\"entries\":[{\"path\":", 400, "malformed_json"),
                json("commit: empty body", "POST", COMMIT, ADMIN, "", 400, "malformed_json"));
    }

    private static List<HostileCase> wrongShapes() {
        return List.of(
                json("commit: size as a string", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":\"1\"}"), 400, "invalid_request"),
                json("commit: size as a float", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1.5}"), 400, "invalid_request"),
                json("commit: path as a number", "POST", COMMIT, ADMIN,
                        commit("{\"path\":7,\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1}"), 400, "invalid_request"),
                json("commit: unknown field", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1,\"owner\":\"root\"}"),
                        400, "invalid_request"),
                json("commit: missing path", "POST", COMMIT, ADMIN, commit("{\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1}"),
                        400, "invalid_request"),
                json("commit: null body", "POST", COMMIT, ADMIN, "null", 400, "invalid_request"),
                json("commit: array body", "POST", COMMIT, ADMIN, "[]", 400, "invalid_request"),
                json("commit: entries missing", "POST", COMMIT, ADMIN, "{}", 400, "invalid_request"),
                json("enrol: unknown role", "POST", DEVICES, ADMIN, "{\"name\":\"x\",\"role\":\"root\"}", 400, "invalid_request"));
    }

    private static List<HostileCase> contentTypes() {
        byte[] body = commit(entry("a.txt")).getBytes(StandardCharsets.UTF_8);
        return List.of(
                bytes("commit: text/plain", "POST", COMMIT, ADMIN, "text/plain", body, 415, "unsupported_media_type"),
                bytes("commit: no Content-Type", "POST", COMMIT, ADMIN, null, body, 415, "unsupported_media_type"),
                bytes("commit: application/json-patch+json", "POST", COMMIT, ADMIN, "application/json-patch+json", body,
                        415, "unsupported_media_type"),
                bytes("commit: multipart/form-data", "POST", COMMIT, ADMIN, "multipart/form-data; boundary=x", body,
                        415, "unsupported_media_type"),
                bytes("plan: application/x-www-form-urlencoded", "POST", PLAN, ADMIN, "application/x-www-form-urlencoded",
                        "cursor=0".getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"),
                bytes("plan: application/octet-stream", "POST", PLAN, ADMIN, "application/octet-stream",
                        plan().getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
    }

    private static List<HostileCase> methodsAndRoutes() {
        return List.of(
                bodiless("GET on plan", "GET", PLAN, ADMIN, 405, "method_not_allowed"),
                json("DELETE on commit", "DELETE", COMMIT, ADMIN, commit(entry("a.txt")), 405, "method_not_allowed"),
                json("PUT on /v1/vaults", "PUT", "/v1/vaults", Fixture.BOOTSTRAP, "{\"vault\":\"intruder\"}", 405, "method_not_allowed"),
                json("POST on changes", "POST", CHANGES, ADMIN, "{}", 405, "method_not_allowed"),
                bodiless("PROPFIND on plan (a method no platform enum knows)", "PROPFIND", PLAN, ADMIN, 405, "method_not_allowed"),
                bodiless("DELETE on history", "DELETE", FILES + "/" + Fixture.EXISTING_FILE + "/history", ADMIN, 405, "method_not_allowed"),
                bodiless("unknown route /v2", "GET", "/v2/vaults", ADMIN, 404, "not_found"),
                bodiless("unknown action in a vault", "POST", VAULT_PATH + "/format-disk", ADMIN, 404, "not_found"),
                bodiless("vault URL without an action", "GET", VAULT_PATH, ADMIN, 404, "not_found"),
                bodiless("history URL with a suffix", "GET", FILES + "/a.txt/historyX", ADMIN, 404, "not_found"),
                bodiless("history of a path the vault never had", "GET", FILES + "/never.txt/history", ADMIN, 404, "not_found"),
                bodiless("unknown local endpoint", "GET", "/_local/shutdown", null, 404, "not_found"));
    }

    /** {@code GET /trash} takes the same {@code after=} as {@code /files} and a smaller page. */
    private static List<HostileCase> trash() {
        return List.of(
                bodiless("trash: ../ in after=", "GET", TRASH + "?after=..%2Fx", ADMIN, 400, "invalid_path"),
                bodiless("trash: absolute after=", "GET", TRASH + "?after=%2Fetc%2Fpasswd", ADMIN, 400, "invalid_path"),
                bodiless("trash: %00 in after=", "GET", TRASH + "?after=a%00b", ADMIN, 400, "invalid_path"),
                bodiless("trash: limit=0", "GET", TRASH + "?limit=0", ADMIN, 400, "invalid_request"),
                bodiless("trash: limit=101 (over its page of 100)", "GET", TRASH + "?limit=101", ADMIN, 400, "invalid_request"),
                bodiless("trash: limit=-1", "GET", TRASH + "?limit=-1", ADMIN, 400, "invalid_request"),
                bodiless("trash: limit=abc", "GET", TRASH + "?limit=abc", ADMIN, 400, "invalid_request"),
                bodiless("trash: no Authorization header", "GET", TRASH, null, 401, "unauthorized"),
                bodiless("trash: revoked device", "GET", TRASH, Fixture.REVOKED, 401, "unauthorized"),
                bodiless("trash: token of another vault", "GET", TRASH, Fixture.OTHER_VAULT, 401, "unauthorized"),
                json("POST on trash", "POST", TRASH, ADMIN, "{}", 405, "method_not_allowed"),
                bodiless("trash URL with a suffix", "GET", TRASH + "/x", ADMIN, 404, "not_found"));
    }

    /** Every route shape cut short, emptied or stretched: a 404 or the parameter's own 400, never a 500. */
    private static List<HostileCase> routeShapes() {
        String role = "{\"role\":\"member\"}";
        return List.of(
                bodiless("history: files/history with no path", "GET", FILES + "/history", ADMIN, 404, "not_found"),
                bodiless("history: files/history with no path, no token", "GET", FILES + "/history", null, 404, "not_found"),
                bodiless("history: empty path (files//history)", "GET", FILES + "//history", ADMIN, 400, "invalid_path"),
                bodiless("history: trailing slash after history", "GET", FILES + "/a.txt/history/", ADMIN, 404, "not_found"),
                bodiless("files: trailing slash", "GET", FILES + "/", ADMIN, 404, "not_found"),
                json("role: devices/role with no id", "POST", DEVICES + "/role", ADMIN, role, 404, "not_found"),
                json("role: devices/role with no id, no token", "POST", DEVICES + "/role", null, role, 404, "not_found"),
                bodiless("revoke: devices/revoke with no id", "POST", DEVICES + "/revoke", ADMIN, 404, "not_found"),
                bodiless("revoke: devices/revoke with no id, no token", "POST", DEVICES + "/revoke", null, 404, "not_found"),
                json("role: empty id (devices//role)", "POST", DEVICES + "//role", ADMIN, role, 400, "invalid_device"),
                bodiless("revoke: empty id (devices//revoke)", "POST", DEVICES + "//revoke", ADMIN, 400, "invalid_device"),
                json("role: id with a slash (devices/a/b/role)", "POST", DEVICES + "/a/b/role", ADMIN, role, 404, "not_found"),
                bodiless("revoke: a suffix after revoke", "POST", DEVICES + "/" + Fixture.ADMIN_ID + "/revoke/x", ADMIN,
                        404, "not_found"),
                bodiless("devices: trailing slash", "GET", DEVICES + "/", ADMIN, 404, "not_found"),
                bodiless("vault URL with a trailing slash", "GET", VAULT_PATH + "/", ADMIN, 404, "not_found"),
                json("empty vault segment (/v1/vaults//plan)", "POST", "/v1/vaults//plan", ADMIN, plan(), 404, "not_found"),
                json("plan with a suffix (plan/x)", "POST", PLAN + "/x", ADMIN, plan(), 404, "not_found"),
                bodiless("verify: GET", "GET", VERIFY, ADMIN, 405, "method_not_allowed"),
                json("verify: no Authorization header", "POST", VERIFY, null, "{\"hash\":\"" + HASH + "\"}", 401, "unauthorized"),
                json("verify: revoked device", "POST", VERIFY, Fixture.REVOKED, "{\"hash\":\"" + HASH + "\"}",
                        401, "unauthorized"),
                json("verify: token of another vault", "POST", VERIFY, Fixture.OTHER_VAULT, "{\"hash\":\"" + HASH + "\"}",
                        401, "unauthorized"),
                json("verify: hash of 63 characters", "POST", VERIFY, ADMIN, "{\"hash\":\"" + HASH.substring(1) + "\"}",
                        400, "invalid_hash"),
                json("verify: missing hash", "POST", VERIFY, ADMIN, "{}", 400, "invalid_request"),
                json("verify: unknown field", "POST", VERIFY, ADMIN, "{\"hash\":\"" + HASH + "\",\"delete\":true}",
                        400, "invalid_request"),
                bodiless("verify: blobs without an action", "POST", VAULT_PATH + "/blobs", ADMIN, 404, "not_found"),
                bodiless("verify: a suffix after verify", "POST", VERIFY + "/x", ADMIN, 404, "not_found"));
    }

    /** Chunked files (docs/api.md, "Chunked files"): the limits and shapes a device can get wrong. */
    private static List<HostileCase> chunked() {
        String thousandAndOne = IntStream.rangeClosed(0, 1000)
                .mapToObj(i -> "\"" + String.format("%064x", i) + "\"").collect(Collectors.joining(","));
        String recipe = ",\"recipe\":\"" + HASH + "\"";
        return List.of(
                json("plan: a chunked file over 1 TiB", "POST", PLAN, ADMIN, plan("{\"path\":\"big\",\"baseVersion\":0,"
                        + "\"hash\":\"" + HASH + "\",\"size\":1099511627777" + recipe + ",\"recipeSize\":100}"), 413, "too_large"),
                json("plan: a recipe hash that is not hex", "POST", PLAN, ADMIN, plan("{\"path\":\"big\",\"baseVersion\":0,"
                        + "\"hash\":\"" + HASH + "\",\"size\":5,\"recipe\":\"../../x\",\"recipeSize\":1}"), 400, "invalid_hash"),
                json("plan: a recipe size without a recipe", "POST", PLAN, ADMIN, plan("{\"path\":\"big\",\"baseVersion\":0,"
                        + "\"hash\":\"" + HASH + "\",\"size\":5,\"recipeSize\":1}"), 400, "invalid_request"),
                json("plan: a negative recipe size", "POST", PLAN, ADMIN, plan("{\"path\":\"big\",\"baseVersion\":0,"
                        + "\"hash\":\"" + HASH + "\",\"size\":5" + recipe + ",\"recipeSize\":-1}"), 400, "invalid_size"),
                json("commit: a deletion with a recipe", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"big\",\"baseVersion\":1,\"deleted\":true" + recipe + "}"), 400, "invalid_request"),
                json("commit: an empty file with a recipe", "POST", COMMIT, ADMIN, commit("{\"path\":\"big\",\"baseVersion\":0,"
                        + "\"hash\":\"" + HASH + "\",\"size\":0" + recipe + "}"), 400, "invalid_recipe"),
                json("chunk-urls: 1001 chunks", "POST", CHUNK_URLS, ADMIN, "{\"chunks\":[" + thousandAndOne + "]}",
                        400, "too_many_entries"),
                json("chunk-urls: a chunk id with a path in it", "POST", CHUNK_URLS, ADMIN, "{\"chunks\":[\"../blobs/x\"]}",
                        400, "invalid_hash"),
                json("chunk-urls: chunks missing", "POST", CHUNK_URLS, ADMIN, "{}", 400, "invalid_request"),
                json("chunk-urls: a number for an id", "POST", CHUNK_URLS, ADMIN, "{\"chunks\":[1]}", 400, "invalid_request"),
                json("chunk-urls: token of another vault", "POST", CHUNK_URLS, Fixture.OTHER_VAULT,
                        "{\"chunks\":[\"" + HASH + "\"]}", 401, "unauthorized"),
                bodiless("chunk-urls: GET", "GET", CHUNK_URLS, ADMIN, 405, "method_not_allowed"));
    }

    private static List<HostileCase> uploadUrls() {
        String thousandAndOne = IntStream.rangeClosed(0, 1000)
                .mapToObj(i -> blob(String.format("%064x", i), 1)).collect(Collectors.joining(","));
        return List.of(
                json("upload-urls: hash of 63 characters", "POST", UPLOAD, ADMIN, blobs(blob(HASH.substring(1), 1)),
                        400, "invalid_hash"),
                json("upload-urls: size -1", "POST", UPLOAD, ADMIN, blobs(blob(HASH, -1)), 400, "invalid_size"),
                json("upload-urls: 1001 blobs", "POST", UPLOAD, ADMIN, blobs(thousandAndOne), 400, "too_many_entries"),
                json("upload-urls: one hash with two sizes", "POST", UPLOAD, ADMIN, blobs(blob(HASH, 1), blob(HASH, 2)),
                        400, "invalid_request"),
                json("upload-urls: blobs missing", "POST", UPLOAD, ADMIN, "{}", 400, "invalid_request"),
                json("upload-urls: unknown field", "POST", UPLOAD, ADMIN, "{\"blobs\":[],\"path\":\"a.txt\"}",
                        400, "invalid_request"),
                json("upload-urls: size as a string", "POST", UPLOAD, ADMIN,
                        "{\"blobs\":[{\"hash\":\"" + HASH + "\",\"size\":\"1\"}]}", 400, "invalid_request"),
                json("upload-urls: read-only device", "POST", UPLOAD, Fixture.READ_ONLY, blobs(blob(HASH, 1)), 403, "forbidden"),
                json("upload-urls: no Authorization header", "POST", UPLOAD, null, blobs(blob(HASH, 1)), 401, "unauthorized"),
                json("upload-urls: revoked device", "POST", UPLOAD, Fixture.REVOKED, blobs(blob(HASH, 1)), 401, "unauthorized"),
                json("upload-urls: token of another vault", "POST", UPLOAD, Fixture.OTHER_VAULT, blobs(blob(HASH, 1)),
                        401, "unauthorized"),
                bodiless("upload-urls: GET", "GET", UPLOAD, ADMIN, 405, "method_not_allowed"),
                bytes("upload-urls: text/plain", "POST", UPLOAD, ADMIN, "text/plain",
                        blobs(blob(HASH, 1)).getBytes(StandardCharsets.UTF_8), 415, "unsupported_media_type"));
    }

    /** {@code POST /devices/{id}/name} with a body or URL that is wrong: refused before the token is looked at. */
    private static List<HostileCase> renameBodies() {
        String rename = DEVICES + "/" + Fixture.MEMBER_ID + "/name";
        String ok = name("desk");
        return List.of(
                json("rename: name of 65 characters", "POST", rename, ADMIN, name("n".repeat(65)), 400, "invalid_request"),
                json("rename: empty name", "POST", rename, ADMIN, name(""), 400, "invalid_request"),
                json("rename: blank name", "POST", rename, ADMIN, name("   "), 400, "invalid_request"),
                json("rename: missing name", "POST", rename, ADMIN, "{}", 400, "invalid_request"),
                json("rename: null name", "POST", rename, ADMIN, "{\"name\":null}", 400, "invalid_request"),
                json("rename: name as a number", "POST", rename, ADMIN, "{\"name\":7}", 400, "invalid_request"),
                json("rename: name as an array", "POST", rename, ADMIN, "{\"name\":[\"desk\"]}", 400, "invalid_request"),
                json("rename: BEL in the name", "POST", rename, ADMIN, name("a\u0007b"), 400, "invalid_request"),
                json("rename: newline in the name", "POST", rename, ADMIN, name("a\nb"), 400, "invalid_request"),
                json("rename: DEL in the name", "POST", rename, ADMIN, name("a\u007fb"), 400, "invalid_request"),
                json("rename: C1 control U+0085 in the name", "POST", rename, ADMIN, name("a\u0085b"), 400, "invalid_request"),
                json("rename: line separator U+2028 in the name", "POST", rename, ADMIN, name("a\u2028b"), 400, "invalid_request"),
                json("rename: right-to-left override U+202E in the name", "POST", rename, ADMIN, name("\u202Eenohp"),
                        400, "invalid_request"),
                json("rename: unpaired surrogate \\uD800 in the name", "POST", rename, ADMIN, name("a\uD800b"),
                        400, "invalid_request"),
                json("rename: sets its role too (unknown field)", "POST", rename, ADMIN, "{\"name\":\"desk\",\"role\":\"admin\"}",
                        400, "invalid_request"),
                json("rename: un-revokes too (unknown field)", "POST", rename, ADMIN,
                        "{\"name\":\"desk\",\"revoked\":false}", 400, "invalid_request"),
                json("rename: duplicate key", "POST", rename, ADMIN, "{\"name\":\"desk\",\"name\":\"laptop\"}",
                        400, "malformed_json"),
                json("rename: null body", "POST", rename, ADMIN, "null", 400, "invalid_request"),
                json("rename: empty body", "POST", rename, ADMIN, "", 400, "malformed_json"),
                bytes("rename: text/plain", "POST", rename, ADMIN, "text/plain", ok.getBytes(StandardCharsets.UTF_8),
                        415, "unsupported_media_type"),
                bodiless("rename: GET", "GET", rename, ADMIN, 405, "method_not_allowed"),
                json("rename: devices/name with no id", "POST", DEVICES + "/name", ADMIN, ok, 404, "not_found"),
                json("rename: devices/name with no id, no token", "POST", DEVICES + "/name", null, ok, 404, "not_found"),
                json("rename: empty id (devices//name)", "POST", DEVICES + "//name", ADMIN, ok, 400, "invalid_device"),
                json("rename: invalid device id in the URL", "POST", DEVICES + "/..%2Fadmin/name", ADMIN, ok, 400, "invalid_device"),
                json("rename: id with a slash (devices/a/b/name)", "POST", DEVICES + "/a/b/name", ADMIN, ok, 404, "not_found"),
                json("rename: a suffix after name", "POST", rename + "/x", ADMIN, ok, 404, "not_found"));
    }

    /** Well-formed renames the caller may not make: refused after the token check, before any write. */
    private static List<HostileCase> renameRefusals() {
        String member = DEVICES + "/" + Fixture.MEMBER_ID + "/name";
        String admin = DEVICES + "/" + Fixture.ADMIN_ID + "/name";
        String ok = name("desk");
        return List.of(
                json("rename: no Authorization header", "POST", member, null, ok, 401, "unauthorized"),
                json("rename: token of another vault", "POST", member, Fixture.OTHER_VAULT, ok, 401, "unauthorized"),
                json("rename: revoked device renames itself", "POST", DEVICES + "/" + Fixture.REVOKED_ID + "/name",
                        Fixture.REVOKED, ok, 401, "unauthorized"),
                json("rename: member renames the admin", "POST", admin, Fixture.MEMBER, ok, 403, "forbidden"),
                json("rename: read-only device renames the admin", "POST", admin, Fixture.READ_ONLY, ok, 403, "forbidden"),
                json("rename: read-only device renames the member", "POST", member, Fixture.READ_ONLY, ok, 403, "forbidden"),
                json("rename: member takes the admin's name", "POST", member, Fixture.MEMBER, name(Fixture.ADMIN_NAME),
                        409, "conflict"),
                json("rename: member takes the admin's name in upper case", "POST", member, Fixture.MEMBER,
                        name(Fixture.ADMIN_NAME.toUpperCase(Locale.ROOT)), 409, "conflict"),
                json("rename: member takes the admin's id as its name", "POST", member, Fixture.MEMBER,
                        name(Fixture.ADMIN_ID), 409, "conflict"),
                json("rename: member takes the revoked device's id as its name", "POST", member, Fixture.MEMBER,
                        name(Fixture.REVOKED_ID), 409, "conflict"),
                json("rename: admin renames the revoked device", "POST", DEVICES + "/" + Fixture.REVOKED_ID + "/name", ADMIN,
                        ok, 409, "conflict"),
                json("rename: a device the vault does not have", "POST", DEVICES + "/nobody/name", ADMIN, ok, 404, "not_found"));
    }

    // ---- JSON builders: every string goes through str(), which escapes all but printable ASCII.

    /** Folder entries and metadata: the same path rules, roles and shapes as files; the folder mark is no hash. */
    private static List<HostileCase> foldersAndMetadata() {
        String mark = "0".repeat(64);
        return List.of(
                json("folder: path with ..", "POST", COMMIT, ADMIN, commit(folder("a/../../etc")), 400, "invalid_path"),
                json("folder: absolute path", "POST", COMMIT, ADMIN, commit(folder("/etc")), 400, "invalid_path"),
                json("folder: drive letter", "POST", COMMIT, ADMIN, commit(folder("C:")), 400, "invalid_path"),
                json("folder: control character", "POST", COMMIT, ADMIN, commit(folder("a\u0001b")), 400, "invalid_path"),
                json("folder: carrying a hash", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"d\",\"baseVersion\":0,\"folder\":true,\"hash\":\"" + HASH + "\"}"),
                        400, "invalid_request"),
                json("folder: carrying a size", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"d\",\"baseVersion\":0,\"folder\":true,\"size\":5}"), 400, "invalid_request"),
                json("folder: carrying an executable bit", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"d\",\"baseVersion\":0,\"folder\":true,\"executable\":true}"),
                        400, "invalid_request"),
                json("folder: also a deletion", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"d\",\"baseVersion\":1,\"folder\":true,\"deleted\":true}"), 400, "invalid_request"),
                json("folder: as a string", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"d\",\"baseVersion\":0,\"folder\":\"true\"}"), 400, "invalid_request"),
                json("folder: from a read-only device", "POST", COMMIT, Fixture.READ_ONLY, commit(folder("d")), 403, "forbidden"),
                json("folder: the folder mark as a file's hash", "POST", COMMIT, ADMIN, commit(entry("a.txt", mark, 0)),
                        400, "invalid_hash"),
                json("folder: the folder mark in a plan", "POST", PLAN, ADMIN, plan(change("a.txt", mark, 0)), 400, "invalid_hash"),
                json("folder: the folder mark in upload-urls", "POST", UPLOAD, ADMIN, blobs(blob(mark, 0)), 400, "invalid_hash"),
                json("folder: the folder mark to verify", "POST", VERIFY, ADMIN, "{\"hash\":\"" + mark + "\"}",
                        400, "invalid_hash"),
                json("metadata: executable as a number", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1,\"executable\":1}"),
                        400, "invalid_request"),
                json("metadata: mtime as a string", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + HASH + "\",\"size\":1,\"mtime\":\"1\"}"),
                        400, "invalid_request"),
                json("metadata: a deletion carrying an executable bit", "POST", COMMIT, ADMIN,
                        commit("{\"path\":\"" + Fixture.EXISTING_FILE + "\",\"baseVersion\":1,\"deleted\":true,\"executable\":false}"),
                        400, "invalid_request"));
    }

    static String folder(String path) {
        return "{\"path\":" + str(path) + ",\"baseVersion\":0,\"folder\":true}";
    }

    static String blobs(String... blobs) {
        return "{\"blobs\":[" + String.join(",", blobs) + "]}";
    }

    static String blob(String hash, long size) {
        return "{\"hash\":" + str(hash) + ",\"size\":" + size + "}";
    }

    static String plan(String... changes) {
        return "{\"cursor\":0,\"changes\":[" + String.join(",", changes) + "]}";
    }

    static String change(String path) {
        return change(path, HASH, 1);
    }

    static String change(String path, String hash, long size) {
        return "{\"path\":" + str(path) + ",\"baseVersion\":0,\"hash\":" + str(hash) + ",\"size\":" + size + "}";
    }

    static String commit(String... entries) {
        return "{\"entries\":[" + String.join(",", entries) + "]}";
    }

    static String entry(String path) {
        return entry(path, HASH, 1);
    }

    static String entry(String path, String hash, long size) {
        return "{\"path\":" + str(path) + ",\"baseVersion\":0,\"hash\":" + str(hash) + ",\"size\":" + size + ",\"mtime\":1}";
    }

    static String pair(String vault, String code) {
        return "{\"vault\":" + str(vault) + ",\"code\":" + str(code) + "}";
    }

    static String pair(String vault, String code, String deviceName) {
        return "{\"vault\":" + str(vault) + ",\"code\":" + str(code) + ",\"deviceName\":" + str(deviceName) + "}";
    }

    static String name(String deviceName) {
        return "{\"name\":" + str(deviceName) + "}";
    }

    static String download(String path) {
        return "{\"files\":[{\"path\":" + str(path) + "}]}";
    }

    /** A JSON string literal; anything outside printable ASCII as a \\u escape, lone surrogates included. */
    static String str(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7e) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        return out.append('"').toString();
    }

    /** The UTF-8 bytes of {@code json} with the one {@code marker} character replaced by raw bytes. */
    private static byte[] withRawBytes(String json, char marker, int... raw) {
        int at = json.indexOf(marker);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, at).getBytes(StandardCharsets.UTF_8));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes(json.substring(at + 1).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static byte[] utf16(String json) {
        byte[] text = json.getBytes(StandardCharsets.UTF_16LE);
        byte[] out = new byte[text.length + 2];
        out[0] = (byte) 0xFF;
        out[1] = (byte) 0xFE;
        System.arraycopy(text, 0, out, 2, text.length);
        return out;
    }

    /** {@code head}, spaces, {@code tail}: valid JSON of exactly {@code total} bytes. */
    private static byte[] padded(String head, int total, String tail) {
        byte[] out = new byte[total];
        Arrays.fill(out, (byte) ' ');
        byte[] h = head.getBytes(StandardCharsets.UTF_8);
        byte[] t = tail.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(h, 0, out, 0, h.length);
        System.arraycopy(t, 0, out, total - t.length, t.length);
        return out;
    }

    /** Names must be unique: they key the table in docs/reliability.md. */
    static List<String> duplicateNames() {
        List<String> seen = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        for (HostileCase c : cases()) {
            if (seen.contains(c.name())) {
                duplicates.add(c.name());
            }
            seen.add(c.name());
        }
        return duplicates;
    }
}
