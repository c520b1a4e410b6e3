package io.skysync.service;

import java.time.Duration;
import java.util.Optional;

/**
 * Deployment settings of {@link SyncService}.
 *
 * @param bootstrapSecret the secret that may create vaults ({@code POST /v1/vaults}); empty disables it
 * @param uploadTtl       lifetime of presigned upload URLs
 * @param downloadTtl     lifetime of presigned download URLs
 * @param retry           how lost races of commits and device changes are retried
 */
public record ServiceConfig(Optional<String> bootstrapSecret, Duration uploadTtl, Duration downloadTtl,
                            RetryPolicy retry) {
    public static final int MAX_ENTRIES = 1000;
    /**
     * 4 MiB: Lambda takes at most 6 MB per synchronous request, and API Gateway hands the body over
     * base64 (a third more) inside an event with the headers and the request context
     * (LambdaEventBudgetTest in functions-aws; docs/api.md "Limits").
     */
    public static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
    public static final int MAX_PAGE = 1000;
    /** Items of one {@code GET /trash} page at most: each costs a history read. */
    public static final int MAX_TRASH_PAGE = 100;
    /** The longest {@code wait} of {@code GET /changes} a client may ask for; a deployment may grant less. */
    public static final int MAX_WAIT_SECONDS = 60;

    public static ServiceConfig withBootstrapSecret(String secret) {
        return new ServiceConfig(Optional.ofNullable(secret).filter(s -> !s.isBlank()),
                Duration.ofMinutes(15), Duration.ofMinutes(15), RetryPolicy.DEFAULT);
    }

    /** The same settings with another retry policy (tests that time a busy vault). */
    public ServiceConfig withRetry(RetryPolicy policy) {
        return new ServiceConfig(bootstrapSecret, uploadTtl, downloadTtl, policy);
    }
}
