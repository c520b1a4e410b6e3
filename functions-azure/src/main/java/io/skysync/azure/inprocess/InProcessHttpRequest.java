package io.skysync.azure.inprocess;

import com.microsoft.azure.functions.HttpMethod;
import com.microsoft.azure.functions.HttpRequestMessage;
import com.microsoft.azure.functions.HttpResponseMessage;
import com.microsoft.azure.functions.HttpStatus;
import com.microsoft.azure.functions.HttpStatusType;
import io.skysync.http.ApiRequest;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An HTTP request as the Functions host hands it to a Java function bound with
 * {@code dataType = "binary"}: the URI as sent, header names lower-cased (the host's are
 * case-insensitive), the decoded query, the body as bytes (empty: {@link Optional#empty()}).
 * A method the {@link HttpMethod} enum does not know gets null, which the function answers with 405.
 * For whatever invokes the function in-process: the local backend's HTTP bridge, and tests.
 */
public record InProcessHttpRequest(URI uri, HttpMethod method, Map<String, String> headers, byte[] body)
        implements HttpRequestMessage<Optional<byte[]>> {

    /**
     * @param uri     the request's URI as sent (raw path and query)
     * @param method  the HTTP method, any case
     * @param headers one value per header
     * @param body    the body; null or empty for none
     */
    public static InProcessHttpRequest of(URI uri, String method, Map<String, String> headers, byte[] body) {
        HttpMethod known;
        try {
            known = HttpMethod.valueOf(method.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            known = null;
        }
        return new InProcessHttpRequest(uri, known, Map.copyOf(headers), body == null ? new byte[0] : body);
    }

    @Override
    public URI getUri() {
        return uri;
    }

    @Override
    public HttpMethod getHttpMethod() {
        return method;
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
        return body.length == 0 ? Optional.empty() : Optional.of(body);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatus status) {
        return new InProcessHttpResponse.Builder(status);
    }

    @Override
    public HttpResponseMessage.Builder createResponseBuilder(HttpStatusType status) {
        return new InProcessHttpResponse.Builder(status);
    }
}
