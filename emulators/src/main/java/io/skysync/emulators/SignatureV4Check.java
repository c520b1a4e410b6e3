package io.skysync.emulators;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks the AWS Signature Version 4 in a request's {@code Authorization} header (the form the
 * SDK's clients send) against one access key and secret, as DynamoDB does. DynamoDB Local does not:
 * it only looks for the header, so without this check anyone who can reach its loopback port can
 * read and rewrite every table. Pure: the request's parts and the time are arguments.
 */
final class SignatureV4Check {
    /** How far a request's {@code X-Amz-Date} may be from now, as on AWS. */
    static final Duration MAX_SKEW = Duration.ofMinutes(15);
    private static final String ALGORITHM = "AWS4-HMAC-SHA256";
    private static final DateTimeFormatter AMZ_DATE =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    private static final HexFormat HEX = HexFormat.of();

    /** Why a request is refused, named by the error type DynamoDB answers with. */
    record Refusal(String type, String message) {
    }

    private final String accessKey;
    private final String secretKey;
    private final String region;
    private final String service;

    SignatureV4Check(String accessKey, String secretKey, String region, String service) {
        this.accessKey = accessKey;
        this.secretKey = secretKey;
        this.region = region;
        this.service = service;
    }

    /**
     * @param headers the values of a header by its lower-case name (empty if absent)
     * @return why the request is refused, or empty if it is signed with this instance's key
     */
    Optional<Refusal> check(String method, String rawPath, String rawQuery, Function<String, List<String>> headers,
                            byte[] body, Instant now) {
        String authorization = first(headers, "authorization");
        if (authorization == null) {
            return refuse("MissingAuthenticationTokenException", "Request is missing Authentication Token");
        }
        Map<String, String> parts = parameters(authorization);
        String[] scope = parts.getOrDefault("Credential", "").split("/", -1);
        String signedHeaders = parts.get("SignedHeaders");
        String signature = parts.get("Signature");
        String amzDate = first(headers, "x-amz-date");
        if (parts.isEmpty() || scope.length != 5 || signedHeaders == null || signature == null || amzDate == null) {
            return refuse("IncompleteSignatureException", "the Authorization header is not a complete " + ALGORITHM + " signature");
        }
        if (!constantTimeEquals(scope[0], accessKey)) {
            return refuse("UnrecognizedClientException", "The security token included in the request is invalid.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.from(AMZ_DATE.parse(amzDate));
        } catch (DateTimeParseException e) {
            return refuse("IncompleteSignatureException", "X-Amz-Date is not yyyyMMdd'T'HHmmss'Z'");
        }
        if (Duration.between(signedAt, now).abs().compareTo(MAX_SKEW) > 0) {
            return refuse("InvalidSignatureException", "Signature expired: " + amzDate + " is more than "
                    + MAX_SKEW.toMinutes() + " minutes from the time now");
        }
        List<String> names = List.of(signedHeaders.split(";", -1));
        if (!scope[1].equals(amzDate.substring(0, 8)) || !scope[2].equals(region) || !scope[3].equals(service)
                || !scope[4].equals("aws4_request") || !names.contains("host") || !names.contains("x-amz-date")) {
            return refuse("InvalidSignatureException", "the credential scope or the signed headers are not this instance's");
        }
        String payloadHash = HEX.formatHex(sha256(body));
        String claimedHash = first(headers, "x-amz-content-sha256");
        if (claimedHash != null && !claimedHash.equals(payloadHash)) {
            return refuse("InvalidSignatureException", "the body does not match its x-amz-content-sha256");
        }
        StringBuilder canonical = new StringBuilder()
                .append(method).append('\n')
                .append(encode(rawPath == null || rawPath.isEmpty() ? "/" : rawPath, false)).append('\n')
                .append(canonicalQuery(rawQuery)).append('\n');
        for (String name : names) {
            List<String> values = headers.apply(name);
            if (values == null || values.isEmpty()) {
                return refuse("InvalidSignatureException", "the signed header " + name + " is missing");
            }
            canonical.append(name).append(':').append(String.join(",", values.stream().map(SignatureV4Check::trimAll).toList()))
                    .append('\n');
        }
        canonical.append('\n').append(signedHeaders).append('\n').append(payloadHash);
        String stringToSign = ALGORITHM + "\n" + amzDate + "\n" + String.join("/", scope[1], scope[2], scope[3], scope[4])
                + "\n" + HEX.formatHex(sha256(canonical.toString().getBytes(StandardCharsets.UTF_8)));
        byte[] key = hmac(("AWS4" + secretKey).getBytes(StandardCharsets.UTF_8), scope[1]);
        for (String step : new String[] {region, service, "aws4_request"}) {
            key = hmac(key, step);
        }
        String expected = HEX.formatHex(hmac(key, stringToSign));
        if (!constantTimeEquals(expected, signature)) {
            return refuse("InvalidSignatureException",
                    "The request signature we calculated does not match the signature you provided.");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refuse(String type, String message) {
        return Optional.of(new Refusal(type, message));
    }

    private static String first(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    /** {@code AWS4-HMAC-SHA256 Credential=..., SignedHeaders=..., Signature=...}; empty if it is not that. */
    private static Map<String, String> parameters(String authorization) {
        Map<String, String> out = new HashMap<>();
        if (!authorization.startsWith(ALGORITHM + " ")) {
            return out;
        }
        for (String part : authorization.substring(ALGORITHM.length() + 1).split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                out.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
            }
        }
        return out;
    }

    private static String canonicalQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> pairs = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            pairs.add(new String[] {encode(decode(name), true), encode(decode(value), true)});
        }
        pairs.sort((a, b) -> a[0].equals(b[0]) ? a[1].compareTo(b[1]) : a[0].compareTo(b[0]));
        return String.join("&", pairs.stream().map(p -> p[0] + "=" + p[1]).toList());
    }

    /** RFC 3986 percent-encoding of everything but the unreserved characters (and {@code /} in a path). */
    private static String encode(String text, boolean slashToo) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !slashToo)) {
                out.append(c);
            } else {
                out.append('%').append(HEX.withUpperCase().toHexDigits(b));
            }
        }
        return out.toString();
    }

    private static String decode(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '%' && i + 2 < bytes.length && isHex(bytes[i + 1]) && isHex(bytes[i + 2])) {
                out.write(Integer.parseInt(new String(bytes, i + 1, 2, StandardCharsets.US_ASCII), 16));
                i += 2;
            } else {
                out.write(bytes[i]);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }

    private static String trimAll(String value) {
        return value.strip().replaceAll(" +", " ");
    }

    private static boolean constantTimeEquals(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }
}
