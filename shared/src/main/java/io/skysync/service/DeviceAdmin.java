package io.skysync.service;

import io.skysync.api.AddDeviceRequest;
import io.skysync.api.DeviceDto;
import io.skysync.api.DeviceNameRequest;
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

/**
 * Enrolling, listing, revoking, re-roling and renaming the devices of a vault; who may do what is
 * {@link Role}'s rule. Every change of a record is one conditional write of the fields it changes
 * ({@link ManifestStore#changeAccess}), retried from a fresh read if the record moved meanwhile
 * ({@link RetryPolicy}). A rename writes only the name ({@link ManifestStore#renameDevice}).
 */
final class DeviceAdmin {
    private static final int ENROL_TRIES = 3;
    private final ManifestStore store;
    private final Clock clock;
    private final Tokens tokens;
    private final Optional<String> bootstrapSecret;
    private final Authenticator auth;
    private final RetryPolicy retry;

    DeviceAdmin(ManifestStore store, Clock clock, Tokens tokens, Optional<String> bootstrapSecret, RetryPolicy retry) {
        this.store = store;
        this.retry = retry;
        this.clock = clock;
        this.tokens = tokens;
        this.bootstrapSecret = bootstrapSecret;
        this.auth = new Authenticator(store);
    }

    DeviceTokenResponse add(VaultId vault, String authorization, AddDeviceRequest request) {
        Wire.required(request, "body");
        Role role = request.role() == null ? Role.MEMBER : Role.fromWireName(request.role());
        String name = DeviceNames.atEnrolment(request.name());
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
        for (int attempt = 0; attempt < ENROL_TRIES; attempt++) {
            DeviceId id = tokens.newDeviceId();
            String token = tokens.newToken(id);
            Instant now = clock.instant();
            if (store.addDevice(vault, new DeviceRecord(id, name, role, Tokens.hash(token), now, now, Seq.ZERO, false))) {
                return new DeviceTokenResponse(vault.value(), id.value(), name, role.wireName(), token);
            }
        }
        throw new SkysyncException(ErrorCode.UNAVAILABLE, "could not store a fresh device id; retry");
    }

    DevicesResponse list(VaultId vault, String authorization) {
        auth.device(vault, authorization);
        Seq head = store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault)).seq();
        return new DevicesResponse(vault.value(), head.value(), store.devices(vault).stream()
                .sorted(Comparator.comparing(DeviceRecord::createdAt).thenComparing(d -> d.id().value()))
                .map(d -> DeviceDto.of(d, head)).toList());
    }

    /** An admin revokes any device, any device itself; never the vault's last active admin. */
    DeviceDto revoke(VaultId vault, String authorization, DeviceId target) {
        RetryPolicy.Attempts attempts = retry.start(clock);
        while (true) {
            // The caller too is read afresh each round: its own rights may have changed meanwhile.
            DeviceRecord caller = auth.device(vault, authorization);
            if (!caller.role().canManageDevices() && !caller.id().equals(target)) {
                throw new SkysyncException(ErrorCode.FORBIDDEN, "only an admin device can revoke another device");
            }
            DeviceRecord device = existing(vault, target);
            if (device.revoked()) {
                return answer(vault, device);
            }
            Optional<DeviceId> keeper = keeper(vault, caller, device, device.role(), true);
            if (store.changeAccess(vault, device, device.role(), true, keeper)) {
                return answer(vault, device.revoke());
            }
            attempts.lost("revoking the device");
        }
    }

    /**
     * An admin sets another device's role. A revoked device keeps its revocation (pair it anew), and
     * the vault never loses its last active admin, so someone can always manage it.
     */
    DeviceDto changeRole(VaultId vault, String authorization, DeviceId target, RoleChangeRequest request) {
        Wire.required(request, "body");
        Role role = Role.fromWireName(Wire.required(request.role(), "role"));
        RetryPolicy.Attempts attempts = retry.start(clock);
        while (true) {
            DeviceRecord caller = auth.device(vault, authorization);
            if (!caller.role().canManageDevices()) {
                throw new SkysyncException(ErrorCode.FORBIDDEN, "only an admin device can change roles");
            }
            DeviceRecord device = existing(vault, target);
            if (device.revoked()) {
                throw new SkysyncException(ErrorCode.CONFLICT,
                        "the device \"" + device.name() + "\" is revoked; pair it again instead of changing its role");
            }
            if (device.role() == role) {
                return answer(vault, device);
            }
            Optional<DeviceId> keeper = keeper(vault, caller, device, role, false);
            if (store.changeAccess(vault, device, role, false, keeper)) {
                return answer(vault, device.withRole(role));
            }
            attempts.lost("changing the role");
        }
    }

    /**
     * An admin renames any device, any device itself, under the rules for names ({@link DeviceNames}).
     * The name may not be another active device's, ignoring case: people find devices by name
     * ({@code devices}, {@code devices revoke NAME}) and do not tell {@code Phone} from {@code phone}
     * in a list. Checked on a fresh read, not atomically with the write: two devices renamed to one
     * name at the same instant can both get it, as two enrolments can (the CLI then asks for an id).
     * A revoked device keeps its name.
     */
    DeviceDto rename(VaultId vault, String authorization, DeviceId target, DeviceNameRequest request) {
        Wire.required(request, "body");
        String name = DeviceNames.renamedTo(request.name());
        RetryPolicy.Attempts attempts = retry.start(clock);
        while (true) {
            DeviceRecord caller = auth.device(vault, authorization);
            if (!caller.role().canManageDevices() && !caller.id().equals(target)) {
                throw new SkysyncException(ErrorCode.FORBIDDEN, "only an admin device can rename another device");
            }
            DeviceRecord device = existing(vault, target);
            if (device.revoked()) {
                throw new SkysyncException(ErrorCode.CONFLICT,
                        "the device \"" + device.name() + "\" is revoked; a revoked device cannot be renamed");
            }
            if (device.name().equals(name)) {
                return answer(vault, device);
            }
            refuseTaken(vault, device, name);
            if (store.renameDevice(vault, target, name)) {
                // Read back: a role change that raced the rename is part of the answer.
                return answer(vault, store.device(vault, target).orElseGet(() -> device.withName(name)));
            }
            attempts.lost("renaming the device");
        }
    }

    private void refuseTaken(VaultId vault, DeviceRecord device, String name) {
        boolean taken = store.devices(vault).stream()
                .anyMatch(d -> !d.revoked() && !d.id().equals(device.id()) && d.name().equalsIgnoreCase(name));
        if (taken) {
            throw new SkysyncException(ErrorCode.CONFLICT,
                    "another device of this vault is called \"" + name + "\"; choose another name");
        }
    }

    /**
     * The device that must still be an active admin when {@code device} loses admin rights (demoted
     * or revoked): the caller if it is another active admin, else any other one; none is needed if
     * {@code device} is no active admin or stays one. The store checks it in the same atomic write.
     *
     * @throws SkysyncException {@code conflict} if {@code device} is the vault's last active admin
     */
    private Optional<DeviceId> keeper(VaultId vault, DeviceRecord caller, DeviceRecord device, Role role, boolean revoke) {
        boolean losesAdmin = device.role() == Role.ADMIN && (revoke || role != Role.ADMIN);
        if (!losesAdmin) {
            return Optional.empty();
        }
        if (!caller.id().equals(device.id()) && caller.role() == Role.ADMIN) {
            return Optional.of(caller.id());
        }
        DeviceRecord other = store.devices(vault).stream()
                .filter(d -> !d.revoked() && d.role() == Role.ADMIN && !d.id().equals(device.id()))
                .min(Comparator.comparing(DeviceRecord::createdAt).thenComparing(d -> d.id().value()))
                .orElseThrow(() -> new SkysyncException(ErrorCode.CONFLICT, "\"" + device.name()
                        + "\" is the vault's last admin; make another device admin first"));
        return Optional.of(other.id());
    }

    private DeviceRecord existing(VaultId vault, DeviceId target) {
        return store.device(vault, target).orElseThrow(() ->
                new SkysyncException(ErrorCode.NOT_FOUND, "no device \"" + target + "\" in this vault"));
    }

    private DeviceDto answer(VaultId vault, DeviceRecord device) {
        return DeviceDto.of(device, store.vault(vault).orElseThrow(() -> CommitProcessor.notFound(vault)).seq());
    }

    boolean isBootstrap(String authorization) {
        Optional<String> given = Authenticator.bearer(authorization);
        return bootstrapSecret.isPresent() && given.isPresent() && MessageDigest.isEqual(
                given.get().getBytes(StandardCharsets.UTF_8), bootstrapSecret.get().getBytes(StandardCharsets.UTF_8));
    }
}
