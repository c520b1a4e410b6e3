package io.skysync.azure;

import com.azure.data.tables.models.TableServiceException;

/** Reads the HTTP status of a Table error, for conditional writes whose failure is an answer. */
final class TableStatus {
    static final int NOT_FOUND = 404;
    static final int CONFLICT = 409;
    static final int PRECONDITION_FAILED = 412;

    private TableStatus() {
    }

    /** True if the error is one of {@code statuses}; the caller rethrows anything else. */
    static boolean is(TableServiceException e, int... statuses) {
        int status = e.getResponse() == null ? -1 : e.getResponse().getStatusCode();
        for (int s : statuses) {
            if (s == status) {
                return true;
            }
        }
        return false;
    }
}
