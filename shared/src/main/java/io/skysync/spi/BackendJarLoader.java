package io.skysync.spi;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;

/**
 * The class loader of the backend jar ({@link LocalBackend#BACKEND_JAR}): the jar and the libraries
 * its manifest names, over this process's class path, which wins for the classes both hold (the SPI
 * itself, the shared domain), so the backend and the client agree on them.
 */
final class BackendJarLoader {
    private BackendJarLoader() {
    }

    /**
     * A provider whose {@code start} runs with the backend's loader as the thread's context class
     * loader, as the backend's libraries expect (Log4j finds its classes through it; the threads the
     * start creates inherit it), and without the client's SQLite properties ({@link SqliteProperties}).
     */
    static LocalBackend.Provider inContext(LocalBackend.Provider provider, ClassLoader loader) {
        return new LocalBackend.Provider() {
            @Override
            public String flavour() {
                return provider.flavour();
            }

            @Override
            public LocalBackend start(Path dataDir, int port) {
                Thread thread = Thread.currentThread();
                ClassLoader before = thread.getContextClassLoader();
                thread.setContextClassLoader(loader);
                try {
                    return SqliteProperties.whileHidden(() -> provider.start(dataDir, port));
                } finally {
                    thread.setContextClassLoader(before);
                }
            }
        };
    }

    static ClassLoader get(Path jar) {
        try {
            return new URLClassLoader("skysync-backend", new URL[] {jar.toUri().toURL()}, LocalBackend.class.getClassLoader());
        } catch (MalformedURLException e) {
            throw new IllegalStateException("the backend jar " + jar + " has no URL", e);
        }
    }
}
