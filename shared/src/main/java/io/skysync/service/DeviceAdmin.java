package io.skysync.service;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.DeviceDto;
import io.skysync.api.DeviceTokenResponse;
import io.skysync.api.DevicesResponse;
import io.skysync.api.RoleChangeRequest;
import io.skysync.api.Wire;
import io.skysync.domain.DeviceId;
import io.skysync.domain.DeviceRecord;
import io.skysync.domain.Role;
import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.Optional;

/** Enrolling, listing and revoking the devices of a vault; who may do what is {@link Role}'s rule. */
final class DeviceAdmin {
    private final ManifestStore store;
    private final Clock clock;
    private final Tokens tokens;
    private final Optional<String> bootstrapSecret;
    private final Authenticator auth;

    DeviceAdmin(ManifestStore store, Clock clock, Tokens tokens, Optional<String> bootstrapSecret) {
        this.store = store;
        this.clock = clock;
        this.tokens = tokens;
        this.bootstrapSecret = bootstrapSecret;
        this.auth = new Authenticator(store);
    }

    DeviceTokenResponse add(VaultId vault, String authorization, AddDeviceRequest request) {
        Wire.required(request, "body");
        Role role = request.role() == null ? Role.MEMBER : Role.fromWireName(request.role());
        String name = deviceName(request.name());
        if (!isBootstrap(authorization)) {
            DeviceRecord caller = auth.device(vault, authorization);
            if (!caller.role().canPair(role)) {
                throw new SkysyncException(ErrorCode.FORBIDDEN,
                        "a " + caller.role().wireName() + " device cannot add a " + role.wireName() + " device");
            }
        } else if (store.vault(vault).isEmpty()) {
            throw CommitProcessor.notFound(vault);
        }
        return enrol(vault, name, role);
    }

    DeviceTokenResponse enrol(VaultId vault, String name, Role role) {
        DeviceId id = tokens.newDeviceId();
        String token = tokens.newToken(id);
        Instant now = clock.instant();
        store.putDevice(vault, new DeviceRecord(id, name, role, Tokens.hash(token), now, now, Seq.ZERO, false));
        return new DeviceTokenResponse(vault.value(), id.value(), name, role.wireName(), token);
    }

    DevicesResponse list(VaultId vault, String authorization) {
        auth.device(vault, authorization);
        Seq head = store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault)).seq();
        return new DevicesResponse(vault.value(), head.value(), store.devices(vault).stream()
                .sorted(Comparator.comparing(DeviceRecord::createdAt).thenComparing(d -> d.id().value()))
                .map(d -> DeviceDto.of(d, head)).toList());
    }

    DeviceDto revoke(VaultId vault, String authorization, DeviceId target) {
        DeviceRecord caller = auth.device(vault, authorization);
        if (!caller.role().canManageDevices() && !caller.id().equals(target)) {
            throw new SkysyncException(ErrorCode.FORBIDDEN, "only an admin device can revoke another device");
        }
        DeviceRecord device = store.device(vault, target).orElseThrow(() ->
                new SkysyncException(ErrorCode.NOT_FOUND, "no device \"" + target + "\" in this vault"));
        DeviceRecord revoked = device.revoke();
        store.putDevice(vault, revoked);
        return DeviceDto.of(revoked, store.vault(vault).orElseThrow().seq());
    }

    /**
     * An admin sets another device's role. A revoked device keeps its revocation (pair it anew), and
     * the vault never loses its last active admin, so someone can always manage it.
     */
    DeviceDto changeRole(VaultId vault, String authorization, DeviceId target, RoleChangeRequest request) {
        Wire.required(request, "body");
        Role role = Role.fromWireName(Wire.required(request.role(), "role"));
        DeviceRecord caller = auth.device(vault, authorization);
        if (!caller.role().canManageDevices()) {
            throw new SkysyncException(ErrorCode.FORBIDDEN, "only an admin device can change roles");
        }
        DeviceRecord device = store.device(vault, target).orElseThrow(() ->
                new SkysyncException(ErrorCode.NOT_FOUND, "no device \"" + target + "\" in this vault"));
        if (device.revoked()) {
            throw new SkysyncException(ErrorCode.CONFLICT,
                    "the device \"" + device.name() + "\" is revoked; pair it again instead of changing its role");
        }
        if (device.role() == Role.ADMIN && role != Role.ADMIN && store.devices(vault).stream()
                .noneMatch(d -> !d.revoked() && d.role() == Role.ADMIN && !d.id().equals(target))) {
            throw new SkysyncException(ErrorCode.CONFLICT,
                    "\"" + device.name() + "\" is the vault's last admin; make another device admin first");
        }
        DeviceRecord changed = device.withRole(role);
        if (device.role() != role) {
            store.putDevice(vault, changed);
        }
        return DeviceDto.of(changed, store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault)).seq());
    }

    boolean isBootstrap(String authorization) {
        Optional<String> given = Authenticator.bearer(authorization);
        return bootstrapSecret.isPresent() && given.isPresent() && MessageDigest.isEqual(
                given.get().getBytes(StandardCharsets.UTF_8), bootstrapSecret.get().getBytes(StandardCharsets.UTF_8));
    }

    static String deviceName(String name) {
        String value = name == null || name.isBlank() ? "device" : name.strip();
        if (value.length() > 64 || value.chars().anyMatch(ch -> ch < 0x20 || ch == 0x7f)) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid device name: at most 64 printable characters");
        }
        return value;
    }
}
