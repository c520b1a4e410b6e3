package io.skysync.http;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * A platform-neutral HTTP request. {@code rawPath} is as sent (still percent-encoded);
 * {@code query} holds decoded parameters; header names are lower-cased.
 */
public record ApiRequest(String method, String rawPath, Map<String, String> query, Map<String, String> headers, byte[] body) {

    public ApiRequest {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(rawPath, "rawPath");
        query = query == null ? Map.of() : Map.copyOf(query);
        Map<String, String> lower = new HashMap<>();
        if (headers != null) {
            headers.forEach((k, v) -> {
                if (k != null && v != null) {
                    lower.put(k.toLowerCase(Locale.ROOT), v);
                }
            });
        }
        headers = Map.copyOf(lower);
        body = body == null ? new byte[0] : body;
    }

    public String header(String name) {
        return headers.get(name.toLowerCase(Locale.ROOT));
    }

    /** Decodes a raw query string ({@code a=1&b=x%20y}); a malformed escape keeps the raw text. */
    public static Map<String, String> parseQuery(String raw) {
        Map<String, String> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            out.putIfAbsent(PercentCoding.decodeQueryOrRaw(key), PercentCoding.decodeQueryOrRaw(value));
        }
        return out;
    }
}
