package io.skysync.azure;

import io.skysync.service.ServiceConfig;
import java.util.Arrays;
import java.util.stream.Stream;

/**
 * Requests a caller must never get through, with the status and error code every flavour answers.
 * Platform-neutral on purpose (no Azure or AWS type): it belongs in the shared test-jar
 * ({@code io.skysync.testing}) so the Lambda and the Azure tests run one table; until it moves
 * there it mirrors the rows of functions-aws' {@code LambdaHandlerScenarios}, plus routing rows.
 * {@value #VAULT}, {@value #TOKEN} and {@value #SECRET} are filled in by the test.
 */
final class HostileRequests {
    static final String VAULT = "{vault}";
    static final String TOKEN = "{token}";
    static final String SECRET = "{secret}";

    record Hostile(String name, String method, String path, String query, String authorization, String body,
                   int status, String code) {
        @Override
        public String toString() {
            return name;
        }
    }

    private HostileRequests() {
    }

    static Stream<Hostile> all() {
        String hash = "a".repeat(64);
        String commit = "/v1/vaults/" + VAULT + "/commit";
        String bearer = "Bearer " + TOKEN;
        char[] big = new char[ServiceConfig.MAX_BODY_BYTES + 1];
        Arrays.fill(big, ' ');
        return Stream.of(
                new Hostile("path traversal in a commit", "POST", commit, null, bearer,
                        entry("../../etc/passwd", hash), 400, "invalid_path"),
                new Hostile("absolute path in a commit", "POST", commit, null, bearer,
                        entry("/etc/passwd", hash), 400, "invalid_path"),
                new Hostile("encoded traversal in the URL", "GET", "/v1/vaults/" + VAULT + "/files/..%2F..%2Fetc/history",
                        null, bearer, null, 400, "invalid_path"),
                new Hostile("hash not lower-case hex", "POST", commit, null, bearer,
                        entry("a.txt", "A".repeat(64)), 400, "invalid_hash"),
                new Hostile("short hash in a plan", "POST", "/v1/vaults/" + VAULT + "/plan", null, bearer,
                        "{\"changes\":[{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"abc\",\"size\":1}]}", 400, "invalid_hash"),
                new Hostile("negative size", "POST", commit, null, bearer,
                        "{\"entries\":[{\"path\":\"a.txt\",\"baseVersion\":0,\"hash\":\"" + hash + "\",\"size\":-1}]}",
                        400, "invalid_size"),
                new Hostile("body over 6 MB", "POST", commit, null, bearer, "{" + new String(big) + "}", 413, "body_too_large"),
                new Hostile("malformed JSON", "POST", commit, null, bearer, "{\"entries\":[{\"path\":", 400, "malformed_json"),
                new Hostile("missing token", "POST", commit, null, null, entry("a.txt", hash), 401, "unauthorized"),
                new Hostile("forged token", "POST", commit, null, "Bearer 0123456789abcdef.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
                        entry("a.txt", hash), 401, "unauthorized"),
                new Hostile("bootstrap secret as a device token", "GET", "/v1/vaults/" + VAULT + "/changes", "since=0",
                        "Bearer " + SECRET, null, 401, "unauthorized"),
                new Hostile("unknown route", "GET", "/v2/anything", null, bearer, null, 404, "not_found"),
                new Hostile("wrong method", "PUT", commit, null, bearer, entry("a.txt", hash), 405, "method_not_allowed"),
                new Hostile("control character in a path", "POST", commit, null, bearer,
                        entry("a\\u0001b", hash), 400, "invalid_path"));
    }

    private static String entry(String path, String hash) {
        return "{\"entries\":[{\"path\":\"" + path + "\",\"baseVersion\":0,\"hash\":\"" + hash + "\",\"size\":1}]}";
    }
}
