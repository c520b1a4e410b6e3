package io.skysync.aws;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionReport;
import java.util.Map;
import java.util.Objects;

/**
 * The scheduled clean-up (an EventBridge schedule in template.yaml, once a day): runs
 * {@link RetentionJob} over every vault and answers a summary. A vault whose clean-up failed makes
 * the invocation fail, so the schedule's retry and the function's error metric see it; the other
 * vaults were still cleaned.
 */
public final class RetentionHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    private final RetentionJob job;

    /** For the Lambda runtime. */
    public RetentionHandler() {
        this(AwsComposition.fromEnvironment().retentionJob());
    }

    /** For tests and tools. */
    public RetentionHandler(RetentionJob job) {
        this.job = Objects.requireNonNull(job, "job");
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> scheduledEvent, Context context) {
        RetentionReport report = job.run();
        int history = report.vaults().stream().mapToInt(RetentionReport.VaultReport::historyDeleted).sum();
        int marked = report.vaults().stream().mapToInt(RetentionReport.VaultReport::blobsMarked).sum();
        int deleted = report.vaults().stream().mapToInt(RetentionReport.VaultReport::blobsDeleted).sum();
        if (!report.failed().isEmpty()) {
            throw new IllegalStateException("clean-up failed for " + report.failed().size()
                    + " vault(s): " + report.failed() + "; the others were cleaned, the next run retries");
        }
        return Map.of("vaults", report.vaults().size(), "historyDeleted", history, "blobsMarked", marked,
                "blobsDeleted", deleted);
    }
}
