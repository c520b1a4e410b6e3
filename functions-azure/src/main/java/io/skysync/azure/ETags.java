package io.skysync.azure;

/**
 * ETags of Table rows. Conditions use the ETag read with the row; this only repairs the one known
 * defect: the SDK returns ETags of write responses without their closing quote
 * ({@code W/"datetime'...'} instead of {@code W/"datetime'...'"}), which then never match.
 */
final class ETags {
    private ETags() {
    }

    /** The ETag with its closing quote; a well-formed ETag is returned unchanged. */
    static String repair(String etag) {
        if (etag == null) {
            return null;
        }
        int open = etag.indexOf('"');
        if (open >= 0 && etag.lastIndexOf('"') == open) {
            return etag + '"';
        }
        return etag;
    }
}
