package io.skysync.infra.azure;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import io.skysync.emulators.RequestCounter;
import reactor.core.publisher.Mono;

/**
 * Counts the storage requests the function makes through an SDK client, by HTTP method: what the
 * manifest and blob checks would cost in the cloud. (Uploads and downloads go from the client
 * straight to Azurite with SAS URLs and are not seen here.)
 */
final class CountingPolicy implements HttpPipelinePolicy {
    private final RequestCounter counter;

    CountingPolicy(RequestCounter counter) {
        this.counter = counter;
    }

    @Override
    public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
        counter.increment(context.getHttpRequest().getHttpMethod().name());
        return next.process();
    }

    @Override
    public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
        counter.increment(context.getHttpRequest().getHttpMethod().name());
        return next.processSync();
    }
}
