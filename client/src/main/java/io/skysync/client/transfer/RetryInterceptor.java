package io.skysync.client.transfer;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;

/**
 * The client's one retry policy, for API calls and storage transfers alike: a request that fails
 * on the network (no answer, a reset, a timeout) or is answered 429 or 5xx is sent again after a
 * {@link Backoff} pause (at least the server's {@code Retry-After}), up to its attempts. Every
 * other answer goes back to the caller as it is: 4xx are the caller's to read. A
 * {@link LocalIoException} (the local file being sent failed) and a cancelled call are never
 * retried. After the last attempt the network error is thrown with the number of attempts.
 *
 * <p>It must run first among the application interceptors, so that whatever sits below it (a
 * test's or simulation's injected faults) is retried too: {@link #around} puts it there.
 */
public final class RetryInterceptor implements Interceptor {
    private final Backoff backoff;

    public RetryInterceptor(Backoff backoff) {
        this.backoff = backoff;
    }

    /** {@code http} with this policy in front of its interceptors (replacing one already there); shares its pool. */
    public static OkHttpClient around(OkHttpClient http, Backoff backoff) {
        OkHttpClient.Builder builder = http.newBuilder();
        List<Interceptor> interceptors = builder.interceptors();
        interceptors.removeIf(i -> i instanceof RetryInterceptor);
        interceptors.add(0, new RetryInterceptor(backoff));
        return builder.build();
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        Request request = chain.request();
        for (int attempt = 1; ; attempt++) {
            Duration retryAfter;
            try {
                Response response = chain.proceed(request);
                if (!retryable(response.code()) || attempt >= backoff.maxAttempts()) {
                    return response;
                }
                retryAfter = retryAfter(response.header("Retry-After"));
                response.close();
            } catch (IOException e) {
                if (!retryable(e, chain)) {
                    throw e;
                }
                if (attempt >= backoff.maxAttempts()) {
                    throw new NetworkException(e.getMessage() + " (after " + attempt + " attempts)", e);
                }
                retryAfter = null;
            }
            pause(attempt, retryAfter);
        }
    }

    static boolean retryable(int status) {
        return status == 429 || (status >= 500 && status != 501 && status != 505);
    }

    private static boolean retryable(IOException e, Chain chain) {
        if (e instanceof LocalIoException || chain.call().isCanceled()) {
            return false;
        }
        // A thread interrupt surfaces as a bare InterruptedIOException; a slow peer as its subclass.
        return !(e instanceof InterruptedIOException) || e instanceof SocketTimeoutException;
    }

    private void pause(int attempt, Duration retryAfter) throws InterruptedIOException {
        try {
            backoff.pause(attempt, retryAfter);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting to retry");
        }
    }

    static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            return Duration.ofSeconds(Long.parseLong(header.strip()));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The network failed on every attempt; the message says how many there were. */
    public static final class NetworkException extends IOException {
        NetworkException(String message, IOException last) {
            super(message, last);
        }
    }
}
