package io.skysync.emulators;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import java.time.Duration;

/**
 * How every SDK client built here talks to an emulator: the url-connection HTTP client (no Apache,
 * no Netty) and static credentials, so nothing reads the default credential chain, a profile's
 * credentials or {@code AWS_CA_BUNDLE}.
 */
final class SdkClients {
    private SdkClients() {
    }

    static SdkHttpClient httpClient() {
        return UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(60))
                .build();
    }

    static StaticCredentialsProvider credentials(String accessKey, String secretKey) {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey));
    }
}
