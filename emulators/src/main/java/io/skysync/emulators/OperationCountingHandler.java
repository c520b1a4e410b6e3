package io.skysync.emulators;

import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Counts DynamoDB requests by operation before handing them on. The operation is the part of the
 * {@code X-Amz-Target} header after the dot ({@code DynamoDB_20120810.GetItem} counts as
 * {@code GetItem}), which is how the JSON protocol names it.
 */
final class OperationCountingHandler extends Handler.Wrapper {
    private final RequestCounter counter;

    OperationCountingHandler(Handler next, RequestCounter counter) {
        super(next);
        this.counter = counter;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        counter.increment(operationName(request.getHeaders().get("X-Amz-Target")));
        return super.handle(request, response, callback);
    }

    static String operationName(String target) {
        if (target == null || target.isBlank()) {
            return "unknown";
        }
        int dot = target.lastIndexOf('.');
        return dot < 0 ? target : target.substring(dot + 1);
    }
}
