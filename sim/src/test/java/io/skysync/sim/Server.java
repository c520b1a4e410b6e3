package io.skysync.sim;

import java.io.IOException;
import java.util.Map;
import okhttp3.Interceptor;
import okhttp3.Request;

/** Whatever answers a device's HTTP request: the API and storage in this JVM, or the real backend over loopback. */
public interface Server {

    /** One fully read answer. */
    record Reply(int code, Map<String, String> headers, byte[] body) {
        public Reply {
            headers = Map.copyOf(headers);
        }
    }

    /** Applies the request (the body already read) and answers. */
    Reply exchange(Interceptor.Chain chain, Request request, byte[] body) throws IOException;
}
