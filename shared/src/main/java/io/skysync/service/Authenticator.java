package io.skysync.service;

import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.Optional;

/**
 * Checks {@code Authorization: Bearer <device token>} against the vault's device records. Every
 * failure, an unknown vault included, is the same 401, so a caller learns nothing about which
 * vaults or devices exist.
 */
final class Authenticator {
    private static final String UNAUTHORIZED_MESSAGE =
            "unauthorized: send 'Authorization: Bearer <device token>' with a token of this vault";
    private final ManifestStore store;

    Authenticator(ManifestStore store) {
        this.store = store;
    }

    DeviceRecord device(VaultId vault, String authorization) {
        String token = bearer(authorization).orElseThrow(Authenticator::unauthorized);
        DeviceId id = Tokens.deviceOf(token).orElseThrow(Authenticator::unauthorized);
        DeviceRecord device = store.device(vault, id).orElseThrow(Authenticator::unauthorized);
        if (device.revoked() || !Tokens.matches(token, device.tokenHash())) {
            throw unauthorized();
        }
        return device;
    }

    static Optional<String> bearer(String authorization) {
        if (authorization == null || authorization.length() > 512) {
            return Optional.empty();
        }
        String trimmed = authorization.trim();
        if (trimmed.length() < 8 || !trimmed.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        String token = trimmed.substring(7).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }

    static SkysyncException unauthorized() {
        return new SkysyncException(ErrorCode.UNAUTHORIZED, UNAUTHORIZED_MESSAGE);
    }
}
