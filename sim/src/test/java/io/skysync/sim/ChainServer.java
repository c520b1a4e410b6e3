package io.skysync.sim;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/** The real backend: sends the request on over the network (loopback) and reads the whole answer. */
public final class ChainServer implements Server {
    @Override
    public Reply exchange(Interceptor.Chain chain, Request request, byte[] body) throws IOException {
        Request.Builder copy = request.newBuilder();
        if (body != null) {
            MediaType type = request.body() == null ? null : request.body().contentType();
            copy.method(request.method(), RequestBody.create(body, type));
        }
        try (Response response = chain.proceed(copy.build())) {
            ResponseBody responseBody = response.body();
            byte[] bytes = responseBody == null ? new byte[0] : responseBody.bytes();
            Map<String, String> headers = new HashMap<>();
            for (String name : response.headers().names()) {
                headers.put(name, response.header(name));
            }
            return new Reply(response.code(), headers, bytes);
        }
    }
}
