package io.skysync.aws;

import io.skysync.domain.ContentHash;
import io.skysync.domain.VaultId;
import io.skysync.service.BlobSweeper;
import io.skysync.testing.BlobSweeperContract;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;

/** The shared blob-sweeper contract against S3Proxy. */
class S3BlobSweeperIT extends BlobSweeperContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected BlobSweeper sweeper() {
        return new S3BlobSweeper(target.get().s3(), target.get().bucket);
    }

    @Override
    protected void upload(VaultId vault, byte[] content) {
        AwsTarget aws = target.get();
        aws.s3().putObject(b -> b.bucket(aws.bucket).key(S3BlobStore.key(vault, ContentHash.ofBytes(content))),
                RequestBody.fromBytes(content));
    }
}
