package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.transfer.StorageErrors.Verdict;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Each store's refusals, as they really answer. The bodies are the ones S3Proxy 4.1.0 and
 * Azurite 3.37.0 sent here (checked live by {@code StorageAnswersIT}); Azure's and S3's are their
 * documented answers. Azurite answers an expired SAS and a forged one alike, so there the URL's
 * own expiry decides.
 */
class StorageErrorsTest {
    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final String S3_EXPIRED = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>AccessDenied</Code>"
            + "<Message>Request has expired</Message><RequestId>705F10A752092923</RequestId></Error>";
    private static final String S3_DENIED = "<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>";
    private static final String S3_BAD_DIGEST = "<?xml version='1.0' encoding='UTF-8'?><Error><Code>BadDigest</Code>"
            + "<Message>Bad Request</Message><RequestId>EAF5C19E8960FE99</RequestId></Error>";
    private static final String S3_NO_KEY = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist."
            + "</Message></Error>";
    private static final String AZURITE_AUTH = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Error>\n"
            + "  <Code>AuthorizationFailure</Code>\n  <Message>Server failed to authenticate the request. Make sure the value"
            + " of the Authorization header is formed correctly including the signature.\nRequestId:8a9f48ea\n</Message>\n</Error>";
    private static final String AZURE_EXPIRED = "<?xml version=\"1.0\" encoding=\"utf-8\"?><Error><Code>AuthenticationFailed"
            + "</Code><Message>Server failed to authenticate the request.</Message><AuthenticationErrorDetail>Signature not"
            + " valid in the specified time frame: Start [Mon, 01 Jun 2026 10:00:00 GMT] - Expiry [Mon, 01 Jun 2026 10:15:00"
            + " GMT] - Current [Mon, 01 Jun 2026 12:00:00 GMT]</AuthenticationErrorDetail></Error>";

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            S3Proxy: expired presigned PUT            | true  | 403 |                                 | S3_EXPIRED    |          | EXPIRED
            S3Proxy: expired presigned GET            | false | 403 |                                 | S3_EXPIRED    |          | EXPIRED
            S3: access denied, not expired            | true  | 403 |                                 | S3_DENIED     |          | REFUSED
            S3Proxy: body not the signed SHA-256      | true  | 400 |                                 | S3_BAD_DIGEST |          | CHECKSUM
            S3Proxy: blob gone                        | false | 404 |                                 | S3_NO_KEY     |          | MISSING
            a proxy's bare 404                        | false | 404 |                                 | EMPTY         |          | MISSING
            Azurite: SAS past its expiry              | true  | 403 | AuthorizationFailure            | AZURITE_AUTH  | -3600    | EXPIRED
            Azurite: SAS within its time, forged      | true  | 403 | AuthorizationFailure            | AZURITE_AUTH  | 600      | REFUSED
            Azurite: SAS of unknown expiry            | false | 403 | AuthorizationFailure            | AZURITE_AUTH  |          | REFUSED
            Azure: SAS outside its time frame         | false | 403 | AuthenticationFailed            | AZURE_EXPIRED | 600      | EXPIRED
            Azurite: create-only SAS, blob exists     | true  | 403 | AuthorizationPermissionMismatch | AZURITE_AUTH  | 600      | ALREADY_STORED
            Azure: blob exists                        | true  | 409 | BlobAlreadyExists               | EMPTY         | 600      | ALREADY_STORED
            Azure: permission mismatch on a GET       | false | 403 | AuthorizationPermissionMismatch | AZURITE_AUTH  | 600      | REFUSED
            Azurite: Content-MD5 does not match       | true  | 400 | Md5Mismatch                     | EMPTY         | 600      | CHECKSUM
            Azurite: blob gone                        | false | 404 | BlobNotFound                    | EMPTY         | 600      | MISSING
            S3: slow down after every retry           | true  | 503 |                                 | EMPTY         |          | UNAVAILABLE
            a 400 without a body                      | true  | 400 |                                 | EMPTY         |          | REFUSED
            """)
    void classify_realAnswer_givesTheVerdict(String name, boolean upload, int status, String azureCode, String body,
                                             Long expiresInSeconds, Verdict expected) {
        Instant expiresAt = expiresInSeconds == null ? null : NOW.plusSeconds(expiresInSeconds);

        assertThat(StorageErrors.classify(upload, status, azureCode, body(body), expiresAt, NOW)).as(name).isEqualTo(expected);
    }

    private static String body(String name) {
        return switch (name) {
            case "S3_EXPIRED" -> S3_EXPIRED;
            case "S3_DENIED" -> S3_DENIED;
            case "S3_BAD_DIGEST" -> S3_BAD_DIGEST;
            case "S3_NO_KEY" -> S3_NO_KEY;
            case "AZURITE_AUTH" -> AZURITE_AUTH;
            case "AZURE_EXPIRED" -> AZURE_EXPIRED;
            default -> "";
        };
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            <Error><Code>BadDigest</Code></Error>    | BadDigest
            <Error><Code> NoSuchKey </Code></Error>  | NoSuchKey
            <html>no code here</html>                 |
            <Code>unterminated                        |
            """)
    void xmlCode_readsTheCodeOfAnS3Error(String body, String code) {
        assertThat(StorageErrors.xmlCode(body)).isEqualTo(code == null ? "" : code);
    }
}
