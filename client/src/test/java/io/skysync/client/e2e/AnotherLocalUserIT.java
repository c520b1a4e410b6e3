package io.skysync.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.infra.ServeMain;
import io.skysync.infra.aws.LocalAwsBackend;
import io.skysync.spi.LocalInstance;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The threat "another user of the same machine", played by a real second user ({@link OtherUser},
 * needs root; skipped otherwise): they can connect to every loopback port, bind any free one, and
 * read whatever is not owner-only.
 */
class AnotherLocalUserIT {
    /** Answers every request as a backend would (200, JSON) and logs it, headers and body, to a file it owns. */
    private static final String LISTENER = String.join("\n",
            "import http.server, sys",
            "log = open(sys.argv[2], 'a', buffering=1)",
            "class H(http.server.BaseHTTPRequestHandler):",
            "    def answer(self):",
            "        n = int(self.headers.get('Content-Length') or 0)",
            "        body = self.rfile.read(n).decode('utf-8', 'replace') if n else ''",
            "        log.write(self.command + ' ' + self.path + '\\n' + str(self.headers) + body + '\\n----\\n')",
            "        out = b'{\"status\":\"ok\",\"proof\":\"guess\",\"vault\":\"v\",\"token\":\"x.y\",\"role\":\"admin\"}'",
            "        self.send_response(200)",
            "        self.send_header('Content-Type', 'application/json')",
            "        self.send_header('Content-Length', str(len(out)))",
            "        self.end_headers()",
            "        self.wfile.write(out)",
            "    do_GET = do_POST = do_PUT = answer",
            "    def log_message(self, *args):",
            "        pass",
            "http.server.HTTPServer(('127.0.0.1', int(sys.argv[1])), H).serve_forever()");

    @TempDir
    Path temp;
    private Path attackerHome;
    private Process listener;

    @BeforeEach
    void anotherUser() throws IOException {
        OtherUser.requireOne();
        attackerHome = OtherUser.ownFolder();
    }

    @AfterEach
    void cleanUp() throws IOException {
        if (listener != null) {
            listener.destroyForcibly();
        }
        if (attackerHome != null) {
            try (Stream<Path> files = Files.walk(attackerHome)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
    }

    /** After {@code kill -9} of {@code skysync serve}, the other user binds the port its endpoint file names. */
    @Test
    void init_afterServeWasKilled_sendsNothingToTheUserWhoTookItsPort() throws Exception {
        Path data = temp.resolve("data");
        URI stale = serveThenKill(data);
        assertThat(Files.readString(data.resolve("endpoint")).strip()).isEqualTo(stale.toString());
        Path log = attackerHome.resolve("requests.log");
        listener = OtherUser.start("/usr/bin/python3", "-c", LISTENER, Integer.toString(stale.getPort()), log.toString());
        awaitListening(stale.getPort());
        String bootstrap = Files.readString(data.resolve("bootstrap-secret")).strip();
        CliHarness cli = new CliHarness(Files.createDirectories(temp.resolve("home")), data);
        Path folder = Files.createDirectories(temp.resolve("folder"));
        Files.writeString(folder.resolve("private.txt"), "private");

        CliHarness.Result init = cli.run("init", folder.toString(), "--vault", "mine", "--device", "laptop");
        CliHarness.Result sync = cli.run("sync", folder.toString());

        String seen = Files.exists(log) ? Files.readString(log) : "";
        assertThat(seen).as("what the other user's server received").doesNotContain(bootstrap).doesNotContain("Bearer")
                .doesNotContain("private.txt").isEmpty();
        assertThat(init.exitCode()).as(init.toString()).isZero();
        assertThat(sync.exitCode()).as(sync.toString()).isZero();
    }

    @Test
    void otherUser_cannotReadTheSecretsNorUseTheBackendsPorts() throws Exception {
        Path data = temp.resolve("data");
        try (LocalAwsBackend backend = LocalAwsBackend.start(data, 0)) {
            for (String file : new String[] {"bootstrap-secret", LocalInstance.FILE, "endpoint"}) {
                OtherUser.Outcome read = OtherUser.run("cat", data.resolve(file).toString());
                assertThat(read.exitCode()).as("cat " + file + ": " + read.output()).isNotZero();
                assertThat(read.output()).doesNotContain(backend.bootstrapSecret()).doesNotContain(backend.instanceSecret());
            }
            OtherUser.Outcome counters = OtherUser.run("/usr/bin/python3", "-c",
                    "import urllib.request, sys\ntry:\n    urllib.request.urlopen(sys.argv[1])\n    print('open')\n"
                            + "except Exception as e:\n    print(e)", backend.endpoint() + "/_local/counters");
            OtherUser.Outcome table = OtherUser.run("/usr/bin/python3", "-c", String.join("\n",
                    "import urllib.request, sys",
                    "r = urllib.request.Request(sys.argv[1], data=b'{}', headers={'X-Amz-Target': 'DynamoDB_20120810.ListTables',",
                    "    'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Date': '20260101T000000Z',",
                    "    'Authorization': 'AWS4-HMAC-SHA256 Credential=x/20260101/us-east-1/dynamodb/aws4_request, SignedHeaders=host, Signature=0'})",
                    "try:",
                    "    print(urllib.request.urlopen(r).read())",
                    "except Exception as e:",
                    "    print(e, e.read())"), backend.dynamoDb().endpoint().toString());

            assertThat(counters.output()).contains("401").doesNotContain("open");
            assertThat(table.output()).contains("400").contains("UnrecognizedClientException").doesNotContain("TableNames");
        }
    }

    /** Runs {@code ServeMain} in a child process, waits until it serves, then kills it with SIGKILL. */
    private static URI serveThenKill(Path data) throws Exception {
        Process serve = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(), "--data", data.toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String l = out.readLine(); l != null; l = out.readLine()) {
                        if (l.contains("Ctrl-C")) {
                            return l;
                        }
                    }
                    return "ended";
                } catch (IOException e) {
                    return e.toString();
                }
            }).get(120, TimeUnit.SECONDS);
            assertThat(line).contains("Ctrl-C");
            URI endpoint = URI.create(Files.readString(data.resolve("endpoint")).strip());
            serve.destroyForcibly();
            assertThat(serve.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return endpoint;
        } finally {
            serve.destroyForcibly();
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        for (int i = 0; i < 100; i++) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                Thread.sleep(100);
            }
        }
        throw new AssertionError("the other user's listener did not start on port " + port);
    }
}
