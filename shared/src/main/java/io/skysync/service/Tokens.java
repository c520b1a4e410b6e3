package io.skysync.service;

import io.skysync.domain.ContentHash;
import io.skysync.domain.DeviceId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Device tokens: {@code <deviceId>.<43 base64url chars>} (256 random bits). The id part lets the
 * server find the device with one read; only {@link #hash} of the whole token is ever stored.
 */
public final class Tokens {
    private static final int SECRET_BYTES = 32;
    public static final int PAIRING_CODE_DIGITS = 8;
    private final Supplier<? extends Random> source;

    /** @param random a seeded generator in simulations and tests */
    public Tokens(Random random) {
        this.source = () -> random;
    }

    private Tokens(Supplier<? extends Random> source) {
        this.source = source;
    }

    /**
     * Production tokens: a fresh {@code SecureRandom} for every token, so that no entropy is
     * captured in a Lambda SnapStart snapshot and shared by the environments resumed from it.
     */
    public static Tokens secure() {
        return new Tokens(SecureRandom::new);
    }

    public DeviceId newDeviceId() {
        byte[] bytes = new byte[8];
        source.get().nextBytes(bytes);
        return new DeviceId(HexFormat.of().formatHex(bytes));
    }

    public String newToken(DeviceId device) {
        byte[] secret = new byte[SECRET_BYTES];
        source.get().nextBytes(secret);
        return device.value() + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    }

    /** A pairing code: {@value #PAIRING_CODE_DIGITS} decimal digits, uniformly random. */
    public String newPairingCode() {
        StringBuilder code = new StringBuilder(PAIRING_CODE_DIGITS);
        for (int i = 0; i < PAIRING_CODE_DIGITS; i++) {
            code.append((char) ('0' + source.get().nextInt(10)));
        }
        return code.toString();
    }

    public static String hash(String token) {
        return ContentHash.ofBytes(token.getBytes(StandardCharsets.UTF_8)).hex();
    }

    /** Compares in constant time, so a timing attack learns nothing about the stored hash. */
    public static boolean matches(String token, String storedHash) {
        return MessageDigest.isEqual(hash(token).getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** The device id a token claims, if the token has the right shape. */
    public static Optional<DeviceId> deviceOf(String token) {
        int dot = token.indexOf('.');
        if (dot <= 0 || dot != token.lastIndexOf('.') || token.length() - dot - 1 < 43) {
            return Optional.empty();
        }
        String id = token.substring(0, dot);
        return id.matches("[a-z0-9][a-z0-9-]{0,63}") ? Optional.of(new DeviceId(id)) : Optional.empty();
    }
}
