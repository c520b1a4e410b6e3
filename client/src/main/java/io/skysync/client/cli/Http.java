package io.skysync.client.cli;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.OkHttpClient;

/** The process's one OkHttpClient: every API call and transfer shares its connection pool. */
final class Http {
    private Http() {
    }

    static OkHttpClient client(int parallel) {
        return new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(60))
                .writeTimeout(Duration.ofSeconds(60))
                .connectionPool(new ConnectionPool(Math.max(5, parallel), 1, TimeUnit.MINUTES))
                .retryOnConnectionFailure(true)
                .build();
    }
}
