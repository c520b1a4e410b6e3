package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.regex.Pattern;

/** A device's id: 1 to 64 characters of {@code [a-z0-9-]}, chosen by the server. */
public record DeviceId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,63}");

    public DeviceId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new SkysyncException(ErrorCode.INVALID_DEVICE, "invalid device id: expected 1-64 of [a-z0-9-]");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
