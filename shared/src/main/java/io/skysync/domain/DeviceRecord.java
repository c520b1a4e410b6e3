package io.skysync.domain;

import java.time.Instant;
import java.util.Objects;

/**
 * A device of a vault as the manifest keeps it. Only the SHA-256 of its token is stored, never the
 * token. {@code lastSeen} and {@code cursor} are refreshed by the server on each sync.
 */
public record DeviceRecord(
        DeviceId id,
        String name,
        Role role,
        String tokenHash,
        Instant createdAt,
        Instant lastSeen,
        Seq cursor,
        boolean revoked) {

    public DeviceRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(tokenHash, "tokenHash");
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(lastSeen, "lastSeen");
        Objects.requireNonNull(cursor, "cursor");
    }

    public DeviceRecord seen(Instant at, Seq newCursor) {
        return new DeviceRecord(id, name, role, tokenHash, createdAt, at, newCursor, revoked);
    }

    public DeviceRecord withRole(Role newRole) {
        return new DeviceRecord(id, name, newRole, tokenHash, createdAt, lastSeen, cursor, revoked);
    }

    public DeviceRecord withName(String newName) {
        return new DeviceRecord(id, newName, role, tokenHash, createdAt, lastSeen, cursor, revoked);
    }

    public DeviceRecord revoke() {
        return new DeviceRecord(id, name, role, tokenHash, createdAt, lastSeen, cursor, true);
    }
}
