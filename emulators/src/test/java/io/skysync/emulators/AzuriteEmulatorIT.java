package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Starts the real Azurite: fails in CI (CI=true) and is skipped elsewhere when it is not installed. */
class AzuriteEmulatorIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void azuriteInstalled() {
        if (AzuriteEmulator.locate().isEmpty()) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(AzuriteEmulator.notInstalledMessage());
            }
            abort(AzuriteEmulator.notInstalledMessage());
        }
    }

    @Test
    void start_inMemory_servesBlobAndTableOnLoopbackOnlyAndCloseStopsIt() throws Exception {
        AzuriteEmulator azurite = AzuriteEmulator.start(null);
        try {
            assertThat(status(azurite.blobEndpoint() + "?comp=list")).as("blob service answers").isBetween(200, 499);
            assertThat(status(azurite.tableEndpoint() + "/Tables")).as("table service answers").isBetween(200, 499);
            assertThat(azurite.connectionString()).contains("AccountName=devstoreaccount1")
                    .contains("BlobEndpoint=" + azurite.blobEndpoint()).contains("TableEndpoint=" + azurite.tableEndpoint());
            int port = azurite.blobEndpoint().getPort();
            assertThat(LoopbackProbe.accepts(InetAddress.getByName("127.0.0.2"), port)).as("not on 127.0.0.2").isFalse();
        } finally {
            azurite.close();
        }
        assertThat(azurite.isRunning()).isFalse();
        assertThat(LoopbackProbe.accepts(InetAddress.getByName("127.0.0.1"), azurite.blobEndpoint().getPort())).isFalse();
    }

    @Test
    void start_generatesAnAccountKeyThatIsNotOnTheCommandLine() throws Exception {
        try (AzuriteEmulator first = AzuriteEmulator.start(null); AzuriteEmulator second = AzuriteEmulator.start(null)) {
            assertThat(first.accountKey()).isNotEqualTo(second.accountKey()).hasSize(88)
                    .isNotEqualTo("Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==");
            assertThat(first.connectionString()).contains("AccountKey=" + first.accountKey());
            // Every local user can read a process's command line (/proc/PID/cmdline); only its owner its environment.
            assertThat(first.commandLine()).isNotEmpty().noneMatch(argument -> argument.contains(first.accountKey()));
        }
    }

    @Test
    void start_withDataDir_keepsItsDataThere(@TempDir Path dir) throws Exception {
        Path data = dir.resolve("azurite");
        try (AzuriteEmulator azurite = AzuriteEmulator.start(data)) {
            assertThat(status(azurite.blobEndpoint() + "?comp=list")).isBetween(200, 499);
        }
        try (var files = Files.list(data)) {
            assertThat(files.count()).as("Azurite wrote its database files").isPositive();
        }
    }

    private static int status(String url) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
