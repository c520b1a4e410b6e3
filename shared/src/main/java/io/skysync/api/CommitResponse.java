package io.skysync.api;

import java.util.List;

/** Per-entry outcomes, in request order. */
public record CommitResponse(List<CommitResultDto> results) {
}
