package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.http.ApiRouter;
import io.skysync.service.BlobSweeper;
import io.skysync.service.RetentionJob;
import io.skysync.service.RetentionPolicy;
import io.skysync.service.ServiceConfig;
import io.skysync.testing.DevicesAndCleanupContract;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link DevicesAndCleanupContract} on the AWS flavour, over DynamoDB Local and S3Proxy; the
 * clean-up runs through {@link RetentionHandler}.
 */
class DevicesAndCleanupIT extends DevicesAndCleanupContract {
    private static AwsTarget target;
    private static AwsComposition aws;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        aws = AwsComposition.wire(target.dynamoDb(), target.s3(), target.presigner(), target.table, target.bucket,
                UploadIntegrity.SIGNED_SHA256, ServiceConfig.withBootstrapSecret(SECRET));
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected ApiRouter router() {
        return aws.router();
    }

    @Override
    protected void putBlob(VaultId vault, ContentHash hash, byte[] bytes) {
        target.s3().putObject(b -> b.bucket(target.bucket).key(S3BlobStore.key(vault, hash)), RequestBody.fromBytes(bytes));
    }

    @Override
    protected BlobSweeper sweeper() {
        return new S3BlobSweeper(target.s3(), target.bucket);
    }

    @Override
    protected CleanupSummary cleanup(Duration ahead) {
        RetentionHandler handler = new RetentionHandler(new RetentionJob(aws.manifest(),
                new DynamoDbRetentionStore(target.dynamoDb(), target.table), sweeper(),
                Clock.offset(Clock.systemUTC(), ahead), RetentionPolicy.DEFAULT));
        Map<String, Object> summary = handler.handleRequest(Map.of(), null);
        return new CleanupSummary((Integer) summary.get("blobsMarked"), (Integer) summary.get("blobsDeleted"));
    }
}
