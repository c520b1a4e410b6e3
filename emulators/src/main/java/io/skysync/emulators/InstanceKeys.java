package io.skysync.emulators;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Credentials generated for one emulator instance, so that another user of the machine, who can
 * reach every loopback port, cannot use the emulator: nothing is fixed or public.
 */
final class InstanceKeys {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private InstanceKeys() {
    }

    /** An AWS-style access key id, e.g. {@code SKYSYNCQ3W8...} (20 characters). */
    static String accessKey() {
        return "SKYSYNC" + alphanumeric(13);
    }

    /** An AWS-style secret access key: 40 characters, about 206 bits. */
    static String secretKey() {
        return alphanumeric(40);
    }

    /** An Azure storage account key: 64 random bytes in standard base64, as Azure issues them. */
    static String accountKey() {
        byte[] key = new byte[64];
        RANDOM.nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private static String alphanumeric(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
