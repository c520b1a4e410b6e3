package io.skysync.client.transfer;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a storage service's refusal of a presigned request, per store: S3 and S3Proxy name the
 * error in the XML body's {@code <Code>} (and say "Request has expired" for an expired URL);
 * Azure and Azurite name it in the {@code x-ms-error-code} header. Azure answers an expired SAS
 * and a bad one alike ({@code AuthenticationFailed} on Azure, {@code AuthorizationFailure} on
 * Azurite), so there the URL's own expiry time decides. Only 4xx reach here: 429 and 5xx were
 * retried by {@link RetryInterceptor}.
 */
final class StorageErrors {
    /** What the answer means for the transfer. */
    enum Verdict { EXPIRED, CHECKSUM, MISSING, ALREADY_STORED, REFUSED, UNAVAILABLE }

    private static final Set<String> CHECKSUM_CODES = Set.of("BadDigest", "InvalidDigest", "XAmzContentSHA256Mismatch",
            "Md5Mismatch", "Crc64Mismatch", "InvalidChecksum");
    private static final Set<String> MISSING_CODES = Set.of("NoSuchKey", "BlobNotFound", "NoSuchBucket", "ContainerNotFound");
    private static final Set<String> AZURE_AUTH_CODES = Set.of("AuthenticationFailed", "AuthorizationFailure");
    /** Clocks differ: a URL this close to its expiry may have expired on the server's clock. */
    private static final long SKEW_SECONDS = 60;

    private StorageErrors() {
    }

    /**
     * @param azureCode the {@code x-ms-error-code} header, null if none
     * @param body      the start of the answer's body
     * @param expiresAt when the URL was said to expire, null if not known
     */
    static Verdict classify(boolean upload, int status, String azureCode, String body, Instant expiresAt, Instant now) {
        if (status == 429 || status >= 500) {
            return Verdict.UNAVAILABLE;
        }
        String code = azureCode != null ? azureCode : xmlCode(body);
        if (CHECKSUM_CODES.contains(code)) {
            return Verdict.CHECKSUM;
        }
        if (MISSING_CODES.contains(code) || (status == 404 && code.isEmpty())) {
            return Verdict.MISSING;
        }
        if (upload && ("BlobAlreadyExists".equals(code) || "AuthorizationPermissionMismatch".equals(code))) {
            // A create-only SAS cannot overwrite: the blob is stored already (another device was first).
            return Verdict.ALREADY_STORED;
        }
        if (status == 403) {
            boolean s3Expired = "AccessDenied".equals(code) && body.toLowerCase(Locale.ROOT).contains("request has expired");
            boolean azureTimeFrame = AZURE_AUTH_CODES.contains(code)
                    && (body.contains("specified time frame") || pastExpiry(expiresAt, now));
            if (s3Expired || azureTimeFrame) {
                return Verdict.EXPIRED;
            }
        }
        return Verdict.REFUSED;
    }

    /** The error code of an S3-style XML error body, or "" if there is none. */
    static String xmlCode(String body) {
        int start = body.indexOf("<Code>");
        int end = body.indexOf("</Code>", start + 1);
        return start >= 0 && end > start ? body.substring(start + "<Code>".length(), end).strip() : "";
    }

    private static boolean pastExpiry(Instant expiresAt, Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt.minusSeconds(SKEW_SECONDS));
    }
}
