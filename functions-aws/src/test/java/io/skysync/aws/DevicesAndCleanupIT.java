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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * {@link DevicesAndCleanupContract} on the AWS flavour, over DynamoDB Local and S3Proxy; the
 * clean-up runs through {@link RetentionHandler}.
 */
class DevicesAndCleanupIT extends DevicesAndCleanupContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);
    private AwsComposition aws;

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @BeforeEach
    void wire() {
        AwsTarget t = target.get();
        aws = AwsComposition.wire(t.dynamoDb(), t.s3(), t.presigner(), t.table, t.bucket,
                UploadIntegrity.SIGNED_SHA256, ServiceConfig.withBootstrapSecret(SECRET));
    }

    @Override
    protected ApiRouter router() {
        return aws.router();
    }

    @Override
    protected void putBlob(VaultId vault, ContentHash hash, byte[] bytes) {
        aws.s3().putObject(b -> b.bucket(target.get().bucket).key(S3BlobStore.key(vault, hash)), RequestBody.fromBytes(bytes));
    }

    @Override
    protected BlobSweeper sweeper() {
        return new S3BlobSweeper(aws.s3(), target.get().bucket);
    }

    @Override
    protected CleanupSummary cleanup(Duration ahead) {
        RetentionHandler handler = new RetentionHandler(new RetentionJob(aws.manifest(),
                new DynamoDbRetentionStore(aws.dynamoDb(), target.get().table), sweeper(),
                Clock.offset(Clock.systemUTC(), ahead), RetentionPolicy.DEFAULT));
        Map<String, Object> summary = handler.handleRequest(Map.of(), null);
        return new CleanupSummary((Integer) summary.get("blobsMarked"), (Integer) summary.get("blobsDeleted"));
    }
}
