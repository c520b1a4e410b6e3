package io.skysync.api;

/** {@code POST /v1/vaults/{vault}/blobs/verify}: a device found (or suspects) that the stored blob of {@code hash} is wrong. */
public record VerifyRequest(String hash) {
}
