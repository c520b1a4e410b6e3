package io.skysync.azure;

import com.microsoft.azure.functions.ExecutionContext;
import com.microsoft.azure.functions.annotation.FunctionName;
import com.microsoft.azure.functions.annotation.TimerTrigger;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionReport;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The daily clean-up on Azure (docs/devices.md): a timer trigger at 03:00 UTC that runs
 * {@link RetentionJob} over every vault. A vault whose clean-up failed fails the invocation, so it
 * shows in the function's failures; the other vaults were still cleaned and the next run retries.
 */
public final class SkysyncCleanupFunction {
    private final Supplier<RetentionJob> job;

    /** For the Functions runtime: the wiring is built once per worker process. */
    public SkysyncCleanupFunction() {
        this(() -> Runtime.COMPOSITION.retentionJob());
    }

    /** For tests. */
    public SkysyncCleanupFunction(RetentionJob job) {
        this(() -> job);
        Objects.requireNonNull(job, "job");
    }

    private SkysyncCleanupFunction(Supplier<RetentionJob> job) {
        this.job = job;
    }

    @FunctionName("cleanup")
    public String cleanup(@TimerTrigger(name = "timer", schedule = "0 0 3 * * *") String timerInfo,
                          ExecutionContext context) {
        RetentionReport report = job.get().run();
        String summary = "cleaned " + report.vaults().size() + " vault(s): "
                + report.vaults().stream().mapToInt(RetentionReport.VaultReport::historyDeleted).sum() + " history records, "
                + report.vaults().stream().mapToInt(RetentionReport.VaultReport::blobsMarked).sum() + " blobs marked, "
                + report.vaults().stream().mapToInt(RetentionReport.VaultReport::blobsDeleted).sum() + " blobs deleted";
        if (!report.failed().isEmpty()) {
            throw new IllegalStateException(summary + "; failed for " + report.failed() + ", the next run retries");
        }
        if (context != null) {
            context.getLogger().info(summary);
        }
        return summary;
    }

    /** Holder idiom: the clients are built on first use, once per worker process. */
    private static final class Runtime {
        private static final AzureComposition COMPOSITION = AzureComposition.fromEnvironment();
    }
}
