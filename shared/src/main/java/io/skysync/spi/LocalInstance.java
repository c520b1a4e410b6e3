package io.skysync.spi;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The instance secret of a running local backend, and what is derived from it. Any user of the
 * machine can bind a loopback port, so a client must not trust a port because a file names it:
 * the backend writes a fresh secret into its data folder at each start ({@value #FILE}, mode 0600,
 * readable by its owner only) and proves that it knows it before the client sends anything:
 * <ol>
 *   <li>the client sends {@code GET /_local/identity?nonce=N} with a fresh random {@code N};</li>
 *   <li>the backend answers {@code {"proof": P}} with {@code P = HMAC-SHA256(secret,
 *       "skysync-local-identity\n" + endpoint + "\n" + N)} in base64url, where {@code endpoint}
 *       is its own base URL, so a process on another port cannot relay the real backend's answer;</li>
 *   <li>the client computes the same from the secret file and compares.</li>
 * </ol>
 * The counters endpoints take a key derived the same way ({@link #countersKey}), never the secret
 * itself, so a counters reader fooled by a stale port gives away nothing that proves identity.
 */
public final class LocalInstance {
    /** The file in the data folder that holds the secret of the backend that holds the folder's lock. */
    public static final String FILE = "instance-secret";
    /** Where the backend answers the challenge. */
    public static final String IDENTITY_PATH = "/_local/identity";
    /** Where a client says it still works with the backend (with the {@link #countersKey}), so an idle stop waits. */
    public static final String ALIVE_PATH = "/_local/alive";
    private static final SecureRandom RANDOM = new SecureRandom();

    private LocalInstance() {
    }

    /** A new secret: 32 random bytes in base64url. */
    public static String newSecret() {
        return randomBase64Url(32);
    }

    /** A new challenge: 24 random bytes in base64url (32 characters). */
    public static String newNonce() {
        return randomBase64Url(24);
    }

    /** Whether a nonce has the shape a client sends: 16 to 128 base64url characters. */
    public static boolean validNonce(String nonce) {
        return nonce != null && nonce.matches("[A-Za-z0-9_-]{16,128}");
    }

    /** The answer to a challenge, as the backend serving at {@code endpoint} computes it. */
    public static String proof(String secret, URI endpoint, String nonce) {
        return hmac(secret, "skysync-local-identity\n" + endpoint + "\n" + nonce);
    }

    /** The bearer key of {@code /_local/counters}, {@code /_local/counters/reset} and {@link #ALIVE_PATH}. */
    public static String countersKey(String secret) {
        return hmac(secret, "skysync-local-counters");
    }

    /** Compares in constant time, so timing tells nothing about how much of a guess was right. */
    public static boolean same(String expected, String actual) {
        return actual != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                actual.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(String secret, String message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(message.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM has no HmacSHA256", e);
        }
    }

    private static String randomBase64Url(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
