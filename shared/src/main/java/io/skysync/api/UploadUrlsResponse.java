package io.skysync.api;

import java.util.List;

/** Presigned uploads for the requested blobs the vault does not hold; a blob it holds gets none. */
public record UploadUrlsResponse(List<UploadDto> uploads) {
}
