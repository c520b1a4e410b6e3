package io.skysync.infra.azure;

import io.skysync.spi.LocalBackend;
import java.nio.file.Path;

/** Registers the Azure flavour of the local backend with {@link java.util.ServiceLoader} as {@code azure}. */
public final class LocalAzureBackendProvider implements LocalBackend.Provider {

    @Override
    public String flavour() {
        return LocalAzureBackend.FLAVOUR;
    }

    @Override
    public LocalBackend start(Path dataDir, int port) {
        return LocalAzureBackend.start(dataDir, port);
    }
}
