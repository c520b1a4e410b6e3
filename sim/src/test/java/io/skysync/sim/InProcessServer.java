package io.skysync.sim;

import io.skysync.http.ApiRequest;
import io.skysync.http.ApiResponse;
import io.skysync.http.ApiRouter;
import java.util.HashMap;
import java.util.Map;
import io.skysync.testing.InMemoryBlobStore;
import okhttp3.HttpUrl;
import okhttp3.Interceptor;
import okhttp3.Request;

/**
 * The real {@link ApiRouter} (over the real SyncService) and the shared test-jar's in-memory
 * storage, called directly: presigned URLs point at {@value #BLOBS} (OkHttp takes only http and
 * https), and the requests never leave the JVM.
 */
public final class InProcessServer implements Server {
    static final String BLOBS = "http://blobs.sim.invalid";
    private final ApiRouter router;
    private final InMemoryBlobStore blobs;

    public InProcessServer(ApiRouter router, InMemoryBlobStore blobs) {
        this.router = router;
        this.blobs = blobs;
    }

    @Override
    public Reply exchange(Interceptor.Chain chain, Request request, byte[] body) {
        if (request.url().host().equals(HttpUrl.get(BLOBS).host())) {
            String query = request.url().encodedQuery();
            InMemoryBlobStore.Reply reply = blobs.serve(request.method(),
                    request.url().encodedPath() + (query == null ? "" : "?" + query), body);
            return new Reply(reply.status(), Map.of("Content-Type", reply.contentType()), reply.body());
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
