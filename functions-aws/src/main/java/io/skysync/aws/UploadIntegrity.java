package io.skysync.aws;

/**
 * How a presigned PUT makes S3 refuse a body other than the blob it was issued for. The length is
 * signed in either way (a body of another length fails the signature).
 */
public enum UploadIntegrity {
    /**
     * The blob's SHA-256 is signed into the URL ({@code x-amz-checksum-sha256} plus
     * {@code x-amz-sdk-checksum-algorithm: SHA256}); the store computes the body's SHA-256 and answers
     * 400 {@code BadDigest} on a mismatch, storing nothing. S3 and S3Proxy 4.1 do this; the default.
     */
    SIGNED_SHA256,
    /**
     * For an S3-compatible store that refuses checksum headers on presigned PUTs: only the length is
     * signed. The server cannot sign a {@code Content-MD5} (it knows the SHA-256, not the MD5), so the
     * uploader should send its own {@code Content-MD5}, which S3 checks without a signature: this
     * catches corruption in transit, not a hostile uploader. Either way every reader verifies the
     * SHA-256 before placing a file, which is the end-to-end guarantee.
     */
    CONTENT_MD5
}
