package io.skysync.aws;

import io.skysync.service.BlobAudit;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import io.skysync.testing.BlobAuditContract;
import java.util.Optional;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link BlobAuditContract} on S3Proxy, uploads through real presigned PUTs: the staged repair's
 * signed SHA-256 makes S3 refuse other bytes.
 */
class S3BlobAuditIT extends BlobAuditContract {
    @RegisterExtension
    final ClassTarget target = new ClassTarget(this::openTarget);

    AwsTarget openTarget() {
        return AwsTarget.emulators();
    }

    @Override
    protected BlobAudit audit() {
        AwsTarget aws = target.get();
        return new S3BlobAudit(aws.s3(), aws.presigner(), aws.bucket, UploadIntegrity.SIGNED_SHA256);
    }

    @Override
    protected void putRaw(BlobRef ref, byte[] bytes) {
        AwsTarget aws = target.get();
        aws.s3().putObject(b -> b.bucket(aws.bucket).key(ref.key()), RequestBody.fromBytes(bytes));
    }

    @Override
    protected Optional<byte[]> read(BlobRef ref) {
        AwsTarget aws = target.get();
        try {
            return Optional.of(aws.s3().getObjectAsBytes(b -> b.bucket(aws.bucket).key(ref.key())).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        }
    }

    @Override
    protected void upload(UploadTicket ticket, byte[] body) {
        RawHttp.Response put = RawHttp.put(ticket.url(), ticket.headers(), body);
        if (put.status() / 100 != 2) {
            throw new IllegalStateException("the upload answered " + put.status() + ": " + put.text());
        }
    }
}
