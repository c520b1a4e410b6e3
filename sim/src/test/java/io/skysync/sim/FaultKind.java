package io.skysync.sim;

/** The faults the simulation injects; each is counted, and a CI run must inject each at least 100 times. */
public enum FaultKind {
    /** The device's process dies at an injection point: its memory is lost, its disk and index stay. */
    CRASH,
    /** The server applied the request but the answer never arrived (the client retries). */
    LOST_RESPONSE,
    /** The request reached the server twice (a retrying proxy); the client sees the second answer. */
    DUPLICATE,
    /** A 5xx answer (before or after the request was applied). */
    HTTP_5XX,
    /** A 429 answer with Retry-After. */
    HTTP_429,
    /** A presigned URL answered 403 "Request has expired". */
    EXPIRED_URL,
    /** A blob transfer took minutes of (virtual) time: its URL may expire meanwhile. */
    SLOW_TRANSFER,
    /** The retention clean-up ran (twice, an hour apart) between an upload and its commit. */
    RETENTION_RACE,
    /** The device's index is gone when a sync starts (deleted, or moved aside as corrupt): it is rebuilt from a rescan. */
    LOST_INDEX,
    /** A restored or hostile server: a plan answers cursor_expired, then its listing leaves out files it has. */
    INCOMPLETE_LISTING,
    /** An admin revokes the device in the middle of its sync; the device joins again with a new token afterwards. */
    REVOKED
}
