package io.skysync.client.remote;

import io.skysync.api.ApiJson;
import io.skysync.api.PlanRequest;
import io.skysync.api.PlanResponse;
import io.skysync.spi.LocalInstance;
import java.util.List;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.internal.platform.Platform;

/** What a command's first API call sets up once per process, set up ahead of it (see {@code StartupWarmup}). */
public final class ApiWarmup {
    private ApiWarmup() {
    }

    /** The plan call's JSON both ways: Jackson builds and caches each type's (de)serializers on first use. */
    public static void json() {
        ApiJson.write(new PlanRequest(0L, List.of()));
        byte[] answer = ApiJson.write(new PlanResponse(List.of(), 0, false, List.of(), List.of()));
        ApiAnswers.value(answer, PlanResponse.class, "the warm-up");
    }

    /** OkHttp's client, URL parsing (Java's IDN tables) and platform; the local backend's HMAC. */
    public static void http() {
        new OkHttpClient.Builder();
        HttpUrl.get("http://127.0.0.1/");
        Platform.Companion.get();
        LocalInstance.countersKey("warm-up");
    }
}
