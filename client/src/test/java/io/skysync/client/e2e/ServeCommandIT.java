package io.skysync.client.e2e;

import static io.skysync.client.e2e.Eventually.until;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skysync serve --json}: one line once the backend answers, and a stop request stops it. */
class ServeCommandIT {
    @TempDir
    Path temp;

    @Test
    void serveJson_printsWhereItServesThenStopsOnRequest() throws Exception {
        Path data = temp.resolve("backend");
        CliHarness.Background serve = new CliHarness(temp, data).start("--json", "serve");
        until(() -> assertThat(serve.out()).as("serve's first line").endsWith("\n"));

        JsonNode json = ApiJson.read(serve.out().getBytes(StandardCharsets.UTF_8), JsonNode.class);
        assertThat(json.properties()).extracting(e -> e.getKey()).containsExactlyInAnyOrder("endpoint", "cloud", "data");
        assertThat(json.get("cloud").asText()).isEqualTo("aws");
        assertThat(Path.of(json.get("data").asText())).isEqualTo(data);
        URI health = URI.create(json.get("endpoint").asText() + "/v1/health");
        HttpClient http = HttpClient.newHttpClient();
        assertThat(http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()).statusCode())
                .isEqualTo(200);

        CliHarness.Result stopped = serve.stop();

        assertThat(stopped.exitCode()).as(stopped.toString()).isZero();
        assertThat(stopped.out().lines()).as("nothing after the first line").hasSize(1);
        assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding()))
                .as("the backend is closed").isInstanceOf(IOException.class);
    }
}
