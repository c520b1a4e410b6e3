package io.skysync.sim;

import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;

/** The real {@link ApiRouter} (over the real SyncService) and the in-memory storage, called directly. */
public final class InProcessServer implements Server {
    private final ApiRouter router;
    private final SimBlobStore blobs;

    public InProcessServer(ApiRouter router, SimBlobStore blobs) {
        this.router = router;
        this.blobs = blobs;
    }

    @Override
    public Reply exchange(Interceptor.Chain chain, Request request, byte[] body) {
        if (request.url().host().equals(SimBlobStore.HOST)) {
            return blobs.serve(request.method(), request.url(), body);
        }
        Map<String, String> headers = new HashMap<>();
        for (String name : request.headers().names()) {
            headers.put(name, request.header(name));
        }
        headers.putIfAbsent("Content-Type", "application/json");
        ApiResponse response = router.handle(new ApiRequest(request.method(), request.url().encodedPath(),
                ApiRequest.parseQuery(request.url().encodedQuery()), headers, body == null ? new byte[0] : body));
        return new Reply(response.status(), response.headers(), response.body());
    }
}
