package io.skysync.infra.aws;

import io.skysync.spi.LocalBackend;
import java.nio.file.Path;

/** Registers the AWS flavour of the local backend with {@link java.util.ServiceLoader} as {@code aws}. */
public final class LocalAwsBackendProvider implements LocalBackend.Provider {

    @Override
    public String flavour() {
        return LocalAwsBackend.FLAVOUR;
    }

    @Override
    public LocalBackend start(Path dataDir, int port) {
        return LocalAwsBackend.start(dataDir, port);
    }
}
