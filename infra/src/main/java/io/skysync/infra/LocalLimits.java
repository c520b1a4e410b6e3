package io.skysync.infra;

import io.skysync.service.ServiceConfig;

/**
 * The local backends' service settings: the bootstrap secret, and the single-upload limit, lowered
 * by {@code SKYSYNC_MAX_UPLOAD_BYTES} (the same variable as the deployed functions) or, for tests
 * that start a backend in their own JVM, the system property {@code skysync.maxUploadBytes}.
 */
public final class LocalLimits {
    public static final String PROPERTY = "skysync.maxUploadBytes";

    private LocalLimits() {
    }

    public static ServiceConfig config(String bootstrapSecret) {
        ServiceConfig config = ServiceConfig.withBootstrapSecret(bootstrapSecret);
        String value = System.getProperty(PROPERTY, System.getenv(ServiceConfig.MAX_UPLOAD_VARIABLE));
        return value == null || value.isBlank() ? config : config.withMaxUploadBytes(Long.parseLong(value.trim()));
    }
}
