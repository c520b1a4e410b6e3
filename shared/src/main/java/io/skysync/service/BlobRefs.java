package io.skysync.service;

import io.skysync.api.UploadUrlsRequest;
import io.skysync.api.Wire;
import io.skysync.domain.ContentHash;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The blobs of an upload-urls request, checked as a plan's changes are: hash, size, batch size. */
final class BlobRefs {
    private BlobRefs() {
    }

    /** Hash to size, in request order; the same blob named twice counts once, with two sizes it is refused. */
    static Map<ContentHash, Long> parse(UploadUrlsRequest request) {
        Wire.required(request, "body");
        List<UploadUrlsRequest.BlobRef> refs = Wire.required(request.blobs(), "blobs");
        if (refs.size() > ServiceConfig.MAX_ENTRIES) {
            throw new SkysyncException(ErrorCode.TOO_MANY_ENTRIES, "too many blobs: " + refs.size()
                    + " in one call, at most " + ServiceConfig.MAX_ENTRIES + "; split the batch");
        }
        Map<ContentHash, Long> wanted = new LinkedHashMap<>();
        for (UploadUrlsRequest.BlobRef ref : refs) {
            Wire.required(ref, "blobs[]");
            ContentHash hash = Wire.hash(ref.hash());
            long size = Wire.size(ref.size());
            Long before = wanted.putIfAbsent(hash, size);
            if (before != null && before != size) {
                throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                        "the blob " + hash.shortHex() + " is named twice with two sizes (" + before + " and " + size + ")");
            }
        }
        return wanted;
    }
}
