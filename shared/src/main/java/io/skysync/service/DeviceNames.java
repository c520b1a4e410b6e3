package io.skysync.service;

import io.skysync.api.Wire;
import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;

/**
 * The one rule for a device's name, at enrolment and at a rename: stripped, 1 to 64 characters,
 * all printable. People read names in lists and type them into commands, so a name holds no
 * control character (C0, DEL, C1), no line or paragraph separator, no bidirectional control that
 * would show it in another order than it is stored, and no unpaired surrogate (which no store can
 * encode as UTF-8).
 */
final class DeviceNames {
    private static final int MAX_LENGTH = 64;
    private static final String RULE = "invalid device name: at most 64 printable characters";

    private DeviceNames() {
    }

    /** An enrolment's name: none or a blank one is {@code device}. */
    static String atEnrolment(String name) {
        return name == null || name.isBlank() ? "device" : checked(name.strip());
    }

    /** A rename's name: it must be given and hold a visible character. */
    static String renamedTo(String name) {
        if (Wire.required(name, "name").isBlank()) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, "invalid device name: give at least one visible character");
        }
        return checked(name.strip());
    }

    private static String checked(String name) {
        if (name.length() > MAX_LENGTH || name.codePoints().anyMatch(DeviceNames::unprintable)) {
            throw new SkysyncException(ErrorCode.INVALID_REQUEST, RULE);
        }
        return name;
    }

    private static boolean unprintable(int cp) {
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || bidiControl(cp);
    }

    private static boolean bidiControl(int cp) {
        return cp == 0x061c || cp == 0x200e || cp == 0x200f || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
    }
}
