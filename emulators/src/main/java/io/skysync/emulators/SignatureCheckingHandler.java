package io.skysync.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Refuses every request to DynamoDB Local that is not signed with this instance's key, answering
 * as DynamoDB does ({@code 400} with a JSON {@code __type}); a signed request goes on with its body
 * replayed. The body is read whole to check its hash, so it is capped at DynamoDB's own 16 MB.
 */
final class SignatureCheckingHandler extends Handler.Wrapper {
    static final int MAX_BODY = 16 * 1024 * 1024;
    private final SignatureV4Check check;
    private final Clock clock;

    SignatureCheckingHandler(Handler next, SignatureV4Check check, Clock clock) {
        super(next);
        this.check = check;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        byte[] body = readAtMost(request);
        if (body == null) {
            return refuse(response, callback, 413, new SignatureV4Check.Refusal("RequestEntityTooLarge",
                    "the request body is over " + MAX_BODY + " bytes"));
        }
        Optional<SignatureV4Check.Refusal> refusal = check.check(request.getMethod(), request.getHttpURI().getPath(),
                request.getHttpURI().getQuery(), name -> request.getHeaders().getValuesList(name), body, clock.instant());
        if (refusal.isPresent()) {
            return refuse(response, callback, 400, refusal.get());
        }
        return getHandler().handle(new Replayed(request, body), response, callback);
    }

    private static byte[] readAtMost(Request request) throws IOException {
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] body = in.readNBytes(MAX_BODY + 1);
            return body.length > MAX_BODY ? null : body;
        }
    }

    private static boolean refuse(Response response, Callback callback, int status, SignatureV4Check.Refusal refusal) {
        String json = "{\"__type\":\"com.amazon.coral.service#" + refusal.type() + "\",\"message\":\""
                + refusal.message().replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-amz-json-1.0");
        response.write(true, ByteBuffer.wrap(json.getBytes(StandardCharsets.UTF_8)), callback);
        return true;
    }

    /** The request with the body that was read for the check, served again to DynamoDB Local. */
    private static final class Replayed extends Request.Wrapper {
        private final ByteBuffer body;
        private final AtomicBoolean served = new AtomicBoolean();

        Replayed(Request request, byte[] body) {
            super(request);
            this.body = ByteBuffer.wrap(body);
        }

        @Override
        public Content.Chunk read() {
            return served.getAndSet(true) ? Content.Chunk.EOF : Content.Chunk.from(body.asReadOnlyBuffer(), true);
        }

        @Override
        public void demand(Runnable demandCallback) {
            demandCallback.run();
        }
    }
}
