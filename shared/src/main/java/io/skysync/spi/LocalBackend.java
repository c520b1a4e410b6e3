package io.skysync.spi;

import java.net.URI;
import java.time.Duration;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The embedded local backend as the client sees it: something that serves the real API on
 * loopback over local stand-ins for the cloud. The client carries no emulator; the backend jar
 * (module {@code infra}) registers a {@link Provider} with {@link ServiceLoader}, and the client
 * loads it only when its endpoint is {@code local}.
 */
public interface LocalBackend extends AutoCloseable {
    /** The system property with the backend jar's path, set by the launchers. */
    String BACKEND_JAR = "skysync.backend.jar";

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

    /**
     * The provider of {@code flavour}: from the class path, else from the backend jar named by the
     * system property {@value #BACKEND_JAR} (the launchers keep the backend off the client's class
     * path, so that the client's class-data archive can be made, and load it only when a backend
     * must run in this process: {@code skysync serve}, or an idle stop of zero).
     */
    static Provider provider(String flavour) {
        Optional<Provider> found = find(ServiceLoader.load(Provider.class), flavour);
        if (found.isEmpty() && backendJar().isPresent()) {
            ClassLoader loader = BackendJarLoader.get(backendJar().get());
            found = find(ServiceLoader.load(Provider.class, loader), flavour).map(p -> BackendJarLoader.inContext(p, loader));
        }
        return found.orElseThrow(() -> new IllegalStateException("no local backend '" + flavour
                + "' on the class path; run the ./skysync launcher, which adds it"));
    }

    /** The backend jar the launcher named, if it exists. */
    static Optional<Path> backendJar() {
        return Optional.ofNullable(System.getProperty(BACKEND_JAR)).filter(s -> !s.isBlank()).map(Path::of)
                .filter(Files::isRegularFile);
    }

    private static Optional<Provider> find(ServiceLoader<Provider> loader, String flavour) {
        for (Provider provider : loader) {
            if (provider.flavour().equals(flavour)) {
                return Optional.of(provider);
            }
        }
        return Optional.empty();
    }
}
