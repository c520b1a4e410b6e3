package io.skysync.aws;

import io.skysync.service.BlobAudit;
import io.skysync.service.BlobRef;
import io.skysync.service.UploadTicket;
import io.skysync.testing.BlobAuditContract;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * {@link BlobAuditContract} on S3Proxy, uploads through real presigned PUTs: the staged repair's
 * signed SHA-256 makes S3 refuse other bytes.
 */
class S3BlobAuditIT extends BlobAuditContract {
    private static AwsTarget target;
    private static S3BlobAudit s3Audit;

    @BeforeAll
    static void start() {
        target = AwsTarget.emulators();
        s3Audit = new S3BlobAudit(target.s3(), target.presigner(), target.bucket, UploadIntegrity.SIGNED_SHA256);
    }

    @AfterAll
    static void stop() {
        if (target != null) {
            target.close();
        }
    }

    @Override
    protected BlobAudit audit() {
        return s3Audit;
    }

    @Override
    protected void putRaw(BlobRef ref, byte[] bytes) {
        target.s3().putObject(b -> b.bucket(target.bucket).key(ref.key()), RequestBody.fromBytes(bytes));
    }

    @Override
    protected Optional<byte[]> read(BlobRef ref) {
        try {
            return Optional.of(target.s3().getObjectAsBytes(b -> b.bucket(target.bucket).key(ref.key())).asByteArray());
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
