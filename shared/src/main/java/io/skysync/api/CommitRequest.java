package io.skysync.api;

import java.util.List;

/** {@code POST /v1/vaults/{vault}/commit}. */
public record CommitRequest(List<CommitEntryDto> entries) {
}
