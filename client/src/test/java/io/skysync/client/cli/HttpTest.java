package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.junit.jupiter.api.Test;

/** The local backend's client is built without TLS; a command that needs TLS after it gets it, on the same pool. */
class HttpTest {
    @Test
    void loopback_hasNoTls_andRefusesAnHttpsUrlBeforeSendingAnything() {
        OkHttpClient loopback = Http.loopback(4);

        assertThat(Http.tls(loopback)).isFalse();
        assertThatThrownBy(() -> loopback.newCall(new Request.Builder().url("https://127.0.0.1:9/").build()).execute())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("CLEARTEXT-only");
    }

    @Test
    void context_loopbackFirst_thenAnyEndpoint_getsTlsOnTheSamePool() {
        CliContext context = new CliContext(Map.of(), System.out, System.err, Path.of("."), false);
        try {
            OkHttpClient loopback = context.loopbackHttp(4);
            OkHttpClient any = context.http(4);

            assertThat(Http.tls(any)).isTrue();
            assertThat(any.connectionPool()).isSameAs(loopback.connectionPool());
            assertThat(any.dispatcher()).isSameAs(loopback.dispatcher());
            assertThat(context.loopbackHttp(4)).as("TLS once needed stays").isSameAs(any);
        } finally {
            context.close();
        }
    }

    @Test
    void context_anyEndpointFirst_hasTls() {
        CliContext context = new CliContext(Map.of(), System.out, System.err, Path.of("."), false);
        try {
            assertThat(Http.tls(context.http(4))).isTrue();
        } finally {
            context.close();
        }
    }
}
