package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.HttpPipelineNextPolicy;
import com.azure.core.http.HttpPipelineNextSyncPolicy;
import com.azure.core.http.HttpResponse;
import com.azure.core.http.policy.HttpPipelinePolicy;
import com.azure.data.tables.TableClient;
import com.azure.data.tables.TableClientBuilder;
import io.skysync.api.CommitEntryDto;
import io.skysync.api.CommitRequest;
import io.skysync.api.CreateVaultRequest;
import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.ServiceConfig;
import io.skysync.service.SyncService;
import io.skysync.service.Tokens;
import io.skysync.testing.InMemoryBlobStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * A commit round on Azure reads the vault head and each file row once, and writes one transaction:
 * the store commits under the ETags of the round's own read instead of reading them again. The blob
 * records the commit checks first are one range query, and the new ones one more transaction.
 */
class TableCommitReadsIT {
    private static final String SECRET = "reads-it-secret";
    private static final Map<String, AtomicLong> REQUESTS = new ConcurrentHashMap<>();
    private static TableManifestStore store;

    @BeforeAll
    static void start() {
        String name = Azurite.newTable("reads").getTableName();
        TableClient counted = new TableClientBuilder().connectionString(Azurite.shared().connectionString())
                .httpClient(AzureComposition.httpClient()).addPolicy(new Counting()).tableName(name).buildClient();
        store = new TableManifestStore(counted);
    }

    @AfterAll
    static void stop() {
        if (store != null) {
            store.close();
        }
    }

    @Test
    void commit_threeNewFiles_readsTheTokenTheHeadAndEachFileOnceAndWritesOneTransaction() {
        InMemoryBlobStore blobs = new InMemoryBlobStore();
        SyncService service = new SyncService(store, blobs, Clock.systemUTC(), new Tokens(new SecureRandom()),
                ServiceConfig.withBootstrapSecret(SECRET));
        String token = service.createVault("Bearer " + SECRET, new CreateVaultRequest("reads", "laptop")).token();
        List<CommitEntryDto> entries = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ContentHash hash = blobs.put(new VaultId("reads"), ("file " + i).getBytes(StandardCharsets.UTF_8));
            entries.add(new CommitEntryDto("f" + i + ".txt", 0L, hash.hex(), 6L, 1L, null));
        }
        REQUESTS.clear();

        service.commit(new VaultId("reads"), "Bearer " + token, new CommitRequest(entries));

        // The device (token check), the vault's blob records (one range query: none yet), the head,
        // three file rows; then one $batch POST recording the three blobs, one for the commit.
        assertThat(count("GET")).isEqualTo(1 + 1 + 1 + 3);
        assertThat(count("POST")).isEqualTo(2);
        assertThat(REQUESTS.keySet()).containsOnly("GET", "POST");
    }

    private static long count(String method) {
        AtomicLong n = REQUESTS.get(method);
        return n == null ? 0 : n.get();
    }

    private static final class Counting implements HttpPipelinePolicy {
        @Override
        public Mono<HttpResponse> process(HttpPipelineCallContext context, HttpPipelineNextPolicy next) {
            count(context);
            return next.process();
        }

        @Override
        public HttpResponse processSync(HttpPipelineCallContext context, HttpPipelineNextSyncPolicy next) {
            count(context);
            return next.processSync();
        }

        private static void count(HttpPipelineCallContext context) {
            REQUESTS.computeIfAbsent(context.getHttpRequest().getHttpMethod().name(), m -> new AtomicLong()).incrementAndGet();
        }
    }
}
