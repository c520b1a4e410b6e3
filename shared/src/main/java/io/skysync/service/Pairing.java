package io.skysync.service;

import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.PairRequest;
import io.skysync.api.PairingCodeRequest;
import io.skysync.api.PairingCodeResponse;
import io.skysync.api.Wire;
import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Pairing a new device with a one-time code: a device of the vault asks for a code, the new
 * device exchanges it for its own token. A code is 8 digits, kept only as a SHA-256, valid for
 * {@link #CODE_TTL}, single use. Every exchange attempt counts against the vault's limit of
 * {@link #MAX_ATTEMPTS} per {@link #WINDOW}, checked before the code is, so a brute force stops
 * at the limit even if it would guess right next. A vault name that does not exist is counted
 * the same way, so the answers never tell whether a vault exists.
 */
final class Pairing {
    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final Duration WINDOW = Duration.ofMinutes(10);
    static final int MAX_ATTEMPTS = 5;
    private static final int PUT_TRIES = 3;
    private static final String REFUSED = "the pairing code is wrong, expired or already used; "
            + "ask for a new one with 'skysync pair' on a device of the vault";

    private final ManifestStore store;
    private final PairingStore codes;
    private final Clock clock;
    private final Tokens tokens;
    private final Authenticator auth;
    private final DeviceAdmin devices;

    Pairing(ManifestStore store, PairingStore codes, Clock clock, Tokens tokens, DeviceAdmin devices) {
        this.store = store;
        this.codes = codes;
        this.clock = clock;
        this.tokens = tokens;
        this.auth = new Authenticator(store);
        this.devices = devices;
    }

    PairingCodeResponse issue(VaultId vault, String authorization, PairingCodeRequest request) {
        Wire.required(request, "body");
        Role role = request.role() == null ? Role.MEMBER : Role.fromWireName(request.role());
        DeviceRecord caller = auth.device(vault, authorization);
        if (!caller.role().canPair(role)) {
            throw new SkysyncException(ErrorCode.FORBIDDEN,
                    "a " + caller.role().wireName() + " device cannot pair a " + role.wireName() + " device");
        }
        Instant expiresAt = clock.instant().plus(CODE_TTL);
        for (int i = 0; i < PUT_TRIES; i++) {
            String digits = tokens.newPairingCode();
            if (codes.put(new PairingCode(vault, hash(vault, digits), role, caller.id(), expiresAt))) {
                return new PairingCodeResponse(vault.value(), display(digits), role.wireName(), expiresAt.toString());
            }
        }
        throw new SkysyncException(ErrorCode.UNAVAILABLE, "could not store a fresh pairing code; retry");
    }

    DeviceTokenResponse redeem(PairRequest request) {
        Wire.required(request, "body");
        VaultId vault = new VaultId(Wire.required(request.vault(), "vault"));
        String digits = digits(Wire.required(request.code(), "code"));
        String name = DeviceNames.atEnrolment(request.deviceName());
        // No look at whether the vault exists: an unknown vault counts and locks like a known one,
        // and holds no code, so a caller cannot tell the two apart.
        Instant now = clock.instant();
        long window = now.getEpochSecond() / WINDOW.toSeconds();
        Instant windowEnd = Instant.ofEpochSecond((window + 1) * WINDOW.toSeconds());
        if (codes.countAttempt(vault, window, windowEnd.plus(WINDOW)) > MAX_ATTEMPTS) {
            throw new SkysyncException(ErrorCode.RATE_LIMITED, "too many pairing attempts for this vault; try again after "
                    + windowEnd + " (at most " + MAX_ATTEMPTS + " every " + WINDOW.toMinutes() + " minutes)");
        }
        PairingCode code = codes.take(vault, hash(vault, digits), now).orElseThrow(Pairing::refused);
        // A code dies with the right of whoever asked for it: revoked or demoted since, it pairs no one.
        Optional<DeviceRecord> creator = store.device(vault, code.createdBy());
        if (creator.isEmpty() || creator.get().revoked() || !creator.get().role().canPair(code.role())) {
            throw refused();
        }
        return devices.enrol(vault, name, code.role());
    }

    /** The stored form: bound to the vault, so equal digits in two vaults are unrelated records. */
    static String hash(VaultId vault, String digits) {
        return ContentHash.ofBytes(("skysync-pairing:" + vault.value() + ":" + digits).getBytes(StandardCharsets.UTF_8)).hex();
    }

    private static String digits(String code) {
        String digits = code.replace("-", "").replace(" ", "");
        if (digits.length() != Tokens.PAIRING_CODE_DIGITS || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST,
                    "invalid pairing code: expected " + Tokens.PAIRING_CODE_DIGITS + " digits, like 1234-5678");
        }
        return digits;
    }

    private static String display(String digits) {
        return digits.substring(0, 4) + "-" + digits.substring(4);
    }

    private static SkysyncException refused() {
        return new SkysyncException(ErrorCode.UNAUTHORIZED, REFUSED);
    }
}
