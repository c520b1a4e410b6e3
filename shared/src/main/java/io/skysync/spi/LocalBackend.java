package io.skysync.spi;

import java.net.URI;
import java.time.Duration;
import java.nio.file.Path;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The embedded local backend as the client sees it: something that serves the real API on
 * loopback over local stand-ins for the cloud. The client carries no emulator; the backend jar
 * (module {@code infra}) registers a {@link Provider} with {@link ServiceLoader}, and the client
 * loads it only when its endpoint is {@code local}.
 */
public interface LocalBackend extends AutoCloseable {

    /** The API's base URL, e.g. {@code http://127.0.0.1:51234}. */
    URI endpoint();

    /** The secret that may create vaults on this backend ({@code POST /v1/vaults}). */
    String bootstrapSecret();

    /** Requests served so far by kind (function invocations, manifest operations, blob requests). */
    Map<String, Long> counters();

    /** How long the backend has served no request (zero while it serves one): for a stop when idle. */
    Duration idle();

    @Override
    void close();

    /** Starts a backend. */
    interface Provider {
        /** A short name, e.g. {@code aws} or {@code azure}. */
        String flavour();

        /**
         * Starts the backend on 127.0.0.1.
         *
         * @param dataDir where its stores persist; created if missing
         * @param port    the API port, or 0 for any free one
         */
        LocalBackend start(Path dataDir, int port);
    }

    static Provider provider(String flavour) {
        for (Provider provider : ServiceLoader.load(Provider.class)) {
            if (provider.flavour().equals(flavour)) {
                return provider;
            }
        }
        throw new IllegalStateException("no local backend '" + flavour + "' on the class path; run the ./skysync launcher, which adds it");
    }
}
