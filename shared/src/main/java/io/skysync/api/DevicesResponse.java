package io.skysync.api;

import java.util.List;

/** {@code GET /v1/vaults/{vault}/devices}. */
public record DevicesResponse(String vault, long seq, List<DeviceDto> devices) {
}
