package io.skysync.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.skysync.http.ApiRequest;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/** Requests and responses shaped as the Functions host hands them to the function, for tests. */
final class FunctionRequests {
    private FunctionRequests() {
    }

    static HttpRequestMessage<Optional<byte[]>> request(String method, String rawPathAndQuery, Map<String, String> headers,
                                                        byte[] body) {
        URI uri = URI.create("https://skysync.example" + rawPathAndQuery);
        HttpMethod httpMethod = HttpMethod.valueOf(method);
        return new HttpRequestMessage<>() {
            @Override
            public URI getUri() {
                return uri;
            }

            @Override
            public HttpMethod getHttpMethod() {
                return httpMethod;
            }

            @Override
            public Map<String, String> getHeaders() {
                return headers;
            }

            @Override
            public Map<String, String> getQueryParameters() {
                return ApiRequest.parseQuery(uri.getRawQuery());
            }

            @Override
            public Optional<byte[]> getBody() {
                return body == null || body.length == 0 ? Optional.empty() : Optional.of(body);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
                return new Response(status);
            }

            @Override
            public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
                return new Response(status);
            }
        };
    }

    static ExecutionContext context() {
        return new ExecutionContext() {
            @Override
            public Logger getLogger() {
                return Logger.getLogger("test");
            }

            @Override
            public String getInvocationId() {
                return "test";
            }

            @Override
            public String getFunctionName() {
                return "api";
            }
        };
    }

    /** Builder and message in one: enough for a test to read status, headers and body. */
    static final class Response implements HttpResponseMessage, HttpResponseMessage.Builder {
        private HttpStatusType status;
        private final Map<String, String> headers = new HashMap<>();
        private Object body;

        Response(HttpStatusType status) {
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
            return this;
        }

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
    }
}
