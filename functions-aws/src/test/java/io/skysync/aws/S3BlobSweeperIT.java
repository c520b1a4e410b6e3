package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.testing.BlobSweeperContract;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;

/** The shared blob-sweeper contract against S3Proxy. */
class S3BlobSweeperIT extends BlobSweeperContract {
    private static AwsTarget target;
    private static S3BlobSweeper sweeper;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        sweeper = new S3BlobSweeper(target.s3(), target.bucket);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected BlobSweeper sweeper() {
        return sweeper;
    }

    @Override
    protected void upload(VaultId vault, byte[] content) {
        target.s3().putObject(b -> b.bucket(target.bucket).key(S3BlobStore.key(vault, ContentHash.ofBytes(content))),
                RequestBody.fromBytes(content));
    }
}
