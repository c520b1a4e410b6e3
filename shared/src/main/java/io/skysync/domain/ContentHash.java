package io.skysync.domain;

import io.skysync.error.ErrorCode;
import io.skysync.error.SkysyncException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** A SHA-256 content hash: exactly 64 lower-case hex characters. */
public record ContentHash(String hex) {
    private static final HexFormat HEX = HexFormat.of();
    public static final ContentHash EMPTY = of(sha256().digest());

    public ContentHash {
        if (!isValid(hex)) {
            throw new SkysyncException(ErrorCode.INVALID_HASH,
                    "invalid hash: expected 64 lower-case hex characters of SHA-256");
        }
    }

    /** True for exactly 64 lower-case hex characters: what the constructor accepts. */
    public static boolean isValid(String hex) {
        return hex != null && hex.length() == 64 && isLowerHex(hex);
    }

    public static ContentHash of(byte[] digest) {
        if (digest.length != 32) {
            throw new IllegalArgumentException("a SHA-256 digest has 32 bytes, got " + digest.length);
        }
        return new ContentHash(HEX.formatHex(digest));
    }

    /** The hash these characters spell, or empty if they are not 64 lower-case hex characters (a stray key). */
    public static Optional<ContentHash> parse(String hex) {
        return hex != null && hex.length() == 64 && isLowerHex(hex) ? Optional.of(new ContentHash(hex)) : Optional.empty();
    }

    public static ContentHash ofBytes(byte[] content) {
        return of(sha256().digest(content));
    }

    public static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }

    public byte[] bytes() {
        return HEX.parseHex(hex);
    }

    public String base64() {
        return Base64.getEncoder().encodeToString(bytes());
    }

    public String shortHex() {
        return hex.substring(0, 12);
    }

    // Written out: every map of a sync is keyed by these, and a record's generated equals and hashCode
    // (method handles) are slower until the top JIT tier compiles them (a map lookup about 1.5 times).
    @Override
    public boolean equals(Object other) {
        return this == other || (other instanceof ContentHash that && hex.equals(that.hex));
    }

    @Override
    public int hashCode() {
        return hex.hashCode();
    }

    @Override
    public String toString() {
        return hex;
    }

    private static boolean isLowerHex(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }
}
