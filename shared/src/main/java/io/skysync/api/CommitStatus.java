package io.skysync.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.Locale;

/** The outcome of one commit entry, as the wire spells it ({@code committed}, {@code conflict}, {@code missing_blob}). */
public enum CommitStatus {
    /** The entry is now the given version at the given seq (or already was: an idempotent retry). */
    COMMITTED,
    /** The stored version is not the entry's base; {@code remote} is the entry that won, nothing was written. */
    CONFLICT,
    /** The vault holds no blob of that hash and size: upload it, then commit again. */
    MISSING_BLOB;

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static CommitStatus fromWireName(String wire) {
        for (CommitStatus status : values()) {
            if (status.wireName().equals(wire)) {
                return status;
            }
        }
        throw new SkysyncException(ErrorCode.INVALID_REQUEST, "unknown commit status \"" + wire + "\"");
    }
}
