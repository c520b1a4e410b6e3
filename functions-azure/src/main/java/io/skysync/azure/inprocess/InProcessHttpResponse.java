package io.skysync.azure.inprocess;

import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatusType;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a function returns, as the Functions host would send it: status, headers, body. Built by
 * {@link InProcessHttpRequest#createResponseBuilder}.
 */
public record InProcessHttpResponse(HttpStatusType status, Map<String, String> headers, Object body) implements HttpResponseMessage {

    @Override
    public HttpStatusType getStatus() {
        return status;
    }

    @Override
    public String getHeader(String name) {
        return headers.get(name);
    }

    @Override
    public Object getBody() {
        return body;
    }

    /** The builder a function gets from {@link InProcessHttpRequest#createResponseBuilder}. */
    public static final class Builder implements HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private Object body;

        Builder(HttpStatusType status) {
            this.status = status;
        }

        @Override
        public HttpResponseMessage.Builder status(HttpStatusType newStatus) {
            this.status = newStatus;
            return this;
        }

        @Override
        public HttpResponseMessage.Builder header(String name, String value) {
            headers.put(name, value);
            return this;
        }

        @Override
        public HttpResponseMessage.Builder body(Object newBody) {
            this.body = newBody;
            return this;
        }

        @Override
        public HttpResponseMessage build() {
            return new InProcessHttpResponse(status, Map.copyOf(headers), body);
        }
    }
}
