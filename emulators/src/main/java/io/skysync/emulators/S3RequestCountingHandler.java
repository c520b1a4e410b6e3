package io.skysync.emulators;

import org.gaul.shaded.org.eclipse.jetty.server.Handler;
import org.gaul.shaded.org.eclipse.jetty.server.Request;
import org.gaul.shaded.org.eclipse.jetty.server.Response;
import org.gaul.shaded.org.eclipse.jetty.util.Callback;

/**
 * Counts every HTTP request S3Proxy receives, by S3 operation, before S3Proxy sees it: requests
 * the SDK sends and presigned PUT/GET requests that clients send directly, including the ones
 * S3Proxy then refuses (bad signature, expired URL, wrong checksum), since S3 bills those too.
 * It is written against the Jetty that S3Proxy shades inside its jar.
 */
final class S3RequestCountingHandler extends Handler.Wrapper {
    private final RequestCounter counter;

    S3RequestCountingHandler(Handler next, RequestCounter counter) {
        super(next);
        this.counter = counter;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        counter.increment(S3OperationName.of(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), request.getHeaders().get("x-amz-copy-source") != null));
        return super.handle(request, response, callback);
    }
}
