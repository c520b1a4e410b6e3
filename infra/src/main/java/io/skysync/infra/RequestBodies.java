package io.skysync.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/** Reads a request body with a ceiling, as the cloud's gateway does, so a huge body never fills the heap. */
public final class RequestBodies {
    private RequestBodies() {
    }

    /** The body, or empty if it has more than {@code max} bytes (the rest is left unread). */
    public static Optional<byte[]> readAtMost(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[16 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            if (out.size() + n > max) {
                return Optional.empty();
            }
            out.write(buffer, 0, n);
        }
        return Optional.of(out.toByteArray());
    }
}
