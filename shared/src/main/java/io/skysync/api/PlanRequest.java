package io.skysync.api;

import java.util.List;

/** {@code POST /v1/vaults/{vault}/plan}: the client's cursor and its local changes since its last sync. */
public record PlanRequest(Long cursor, List<LocalChangeDto> changes) {
}
