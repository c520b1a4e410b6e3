package io.skysync.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.models.UserDelegationKey;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Signs a SAS for one blob: with the account key, or with a user delegation key (managed identity). */
public interface SasSigner {

    String sign(BlobClient blob, BlobServiceSasSignatureValues values);

    /** A service SAS signed with the account key the client was built with (connection string, Azurite). */
    static SasSigner accountKey() {
        return BlobClient::generateSas;
    }

    /**
     * A user delegation SAS: no account key exists, the function's identity asks for a delegation key
     * (role Storage Blob Delegator) and signs with it. The key is kept for a day and renewed an hour
     * before it expires, so no request waits for it and every SAS (15 min) ends before its key.
     */
    static SasSigner userDelegation(BlobServiceClient service, Clock clock) {
        return new UserDelegationSigner(service, clock);
    }

    final class UserDelegationSigner implements SasSigner {
        private static final Duration KEY_LIFETIME = Duration.ofDays(1);
        private static final Duration RENEW_BEFORE = Duration.ofHours(1);
        private final BlobServiceClient service;
        private final Clock clock;
        private UserDelegationKey key;

        private UserDelegationSigner(BlobServiceClient service, Clock clock) {
            this.service = service;
            this.clock = clock;
        }

        @Override
        public String sign(BlobClient blob, BlobServiceSasSignatureValues values) {
            return blob.generateUserDelegationSas(values, currentKey());
        }

        private synchronized UserDelegationKey currentKey() {
            OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
            if (key == null || key.getSignedExpiry().isBefore(now.plus(RENEW_BEFORE))) {
                // Start a little in the past: the storage service's clock may be behind ours.
                key = service.getUserDelegationKey(now.minusMinutes(5), now.plus(KEY_LIFETIME));
            }
            return key;
        }
    }
}
