package io.skysync.azure;

import io.skysync.service.UploadTicket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** What a device does with a SAS URL, over real HTTP: PUT with the ticket's headers, GET. */
final class SasHttp {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SasHttp() {
    }

    /** The status of a PUT of {@code body} through the ticket. */
    static int put(UploadTicket ticket, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(ticket.url()).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        ticket.headers().forEach(request::header);
        return send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    static byte[] get(URI url) {
        HttpResponse<byte[]> response = send(HttpRequest.newBuilder(url).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET answered " + response.statusCode());
        }
        return response.body();
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> body) {
        try {
            return HTTP.send(request, body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
