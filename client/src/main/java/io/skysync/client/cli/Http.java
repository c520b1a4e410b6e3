package io.skysync.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;

/**
 * The process's OkHttpClient: every API call and transfer shares its connection pool. A client for
 * the local backend only speaks plain HTTP on loopback, so it is built without TLS: setting TLS up
 * reads the JDK's trust store and parses its certificates, a large part of a no-op sync's start.
 */
final class Http {
    private Http() {
    }

    /** A client for any endpoint, TLS included. */
    static OkHttpClient client(int parallel) {
        return builder(parallel).build();
    }

    /** A client for the local backend: plain HTTP only (an {@code https} URL fails, it is never sent in clear). */
    static OkHttpClient loopback(int parallel) {
        return builder(parallel).connectionSpecs(List.of(ConnectionSpec.CLEARTEXT)).build();
    }

    /** {@code loopback}'s pool and dispatcher, with TLS as well. */
    static OkHttpClient withTls(OkHttpClient loopback) {
        return loopback.newBuilder().connectionSpecs(List.of(ConnectionSpec.MODERN_TLS, ConnectionSpec.CLEARTEXT)).build();
    }

    /** Whether {@code http} can reach an {@code https} endpoint. */
    static boolean tls(OkHttpClient http) {
        return http.connectionSpecs().stream().anyMatch(ConnectionSpec::isTls);
    }

    private static OkHttpClient.Builder builder(int parallel) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .connectionPool(new ConnectionPool(Math.max(5, parallel), 1, TimeUnit.MINUTES))
                .retryOnConnectionFailure(true);
    }
}
