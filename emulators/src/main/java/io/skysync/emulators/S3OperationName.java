package io.skysync.emulators;

import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * Names an S3 REST request by the API operation it is (path-style addressing), so counts read like
 * the S3 bill: {@code PutObject}, {@code GetObject}, {@code HeadObject}, {@code UploadPart}...
 * Requests it does not recognise are named by their method, e.g. {@code GET bucket?acl}.
 */
final class S3OperationName {
    private S3OperationName() {
    }

    static String of(String method, String path, String rawQuery, boolean copySource) {
        String m = method.toUpperCase(Locale.ROOT);
        Set<String> params = paramNames(rawQuery);
        String trimmed = path == null ? "" : path.replaceAll("^/+", "");
        if (trimmed.isEmpty()) {
            return m.equals("GET") ? "ListBuckets" : m + " service";
        }
        int slash = trimmed.indexOf('/');
        boolean object = slash >= 0 && slash < trimmed.length() - 1;
        return object ? objectOperation(m, params, copySource) : bucketOperation(m, params);
    }

    private static String objectOperation(String m, Set<String> params, boolean copySource) {
        boolean upload = params.contains("uploadid");
        return switch (m) {
            case "GET" -> upload ? "ListParts" : params.isEmpty() || onlyResponseOverrides(params) ? "GetObject" : "GET object?" + params;
            case "HEAD" -> "HeadObject";
            case "PUT" -> upload && params.contains("partnumber")
                    ? (copySource ? "UploadPartCopy" : "UploadPart")
                    : copySource ? "CopyObject" : "PutObject";
            case "DELETE" -> upload ? "AbortMultipartUpload" : "DeleteObject";
            case "POST" -> params.contains("uploads") ? "CreateMultipartUpload"
                    : upload ? "CompleteMultipartUpload" : "POST object";
            default -> m + " object";
        };
    }

    private static String bucketOperation(String m, Set<String> params) {
        return switch (m) {
            case "GET" -> params.contains("uploads") ? "ListMultipartUploads"
                    : params.contains("location") ? "GetBucketLocation"
                    : params.contains("acl") || params.contains("versioning") || params.contains("cors")
                            ? "GET bucket?" + params
                            : params.contains("list-type") ? "ListObjectsV2" : "ListObjects";
            case "HEAD" -> "HeadBucket";
            case "PUT" -> params.isEmpty() ? "CreateBucket" : "PUT bucket?" + params;
            case "DELETE" -> params.isEmpty() ? "DeleteBucket" : "DELETE bucket?" + params;
            case "POST" -> params.contains("delete") ? "DeleteObjects" : "POST bucket";
            default -> m + " bucket";
        };
    }

    private static boolean onlyResponseOverrides(Set<String> params) {
        return params.stream().allMatch(p -> p.startsWith("response-") || p.equals("versionid"));
    }

    /**
     * A presigned URL carries its signature in the query ({@code X-Amz-*}), and the SDK adds
     * {@code x-id=<Operation>}; neither changes which operation a request is.
     */
    private static boolean ignored(String name) {
        return name.startsWith("x-amz-") || name.equals("x-id") || name.equals("awsaccesskeyid")
                || name.equals("signature") || name.equals("expires");
    }

    private static Set<String> paramNames(String rawQuery) {
        Set<String> names = new HashSet<>();
        if (rawQuery == null || rawQuery.isEmpty()) {
            return names;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = (eq < 0 ? pair : pair.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !ignored(name)) {
                names.add(name);
            }
        }
        return names;
    }
}
