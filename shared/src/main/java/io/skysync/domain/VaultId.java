package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.util.regex.Pattern;

/** A vault's name: 1 to 63 characters of {@code [a-z0-9_-]}, starting with a letter or digit. */
public record VaultId(String value) {
    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

    public VaultId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new SkysyncException(ErrorCode.INVALID_VAULT,
                    "invalid vault name: use 1-63 of a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
    }

    @Override
    public String toString() {
        return value;
    }
}
