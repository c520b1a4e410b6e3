package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.skysync.domain.ContentHash;
import io.skysync.emulators.DynamoDbLocalEmulator;
import io.skysync.emulators.S3ProxyEmulator;
import io.skysync.http.ApiRequest;
import io.skysync.service.ServiceConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Measures the handler's cold start as docs/aws.md reports it: from spawning a fresh JVM on the
 * shaded Lambda jar to its first answered request (a plan: device and vault reads, the change log,
 * a HEAD, a presigned PUT, a device update) against DynamoDB Local and S3Proxy.
 */
class ColdStartIT {
    private static final Pattern LINE = Pattern.compile(
            "status=200 main=(\\d+) init=(\\d+) firstResponse=(\\d+) secondRequestTook=(\\d+)");
    private static final int RUNS = 3;

    @Test
    void coldStart_freshJvmOnTheLambdaJar_answersItsFirstRequest() throws Exception {
        Path jar = lambdaJar();
        try (S3ProxyEmulator s3 = S3ProxyEmulator.start(null);
             DynamoDbLocalEmulator dynamoDb = DynamoDbLocalEmulator.start(null, s3.accessKey(), s3.secretKey())) {
            DynamoDbManifestStore.createTable(dynamoDb.client(), "skysync");
            s3.createBucket("skysync-blobs");
            AwsComposition here = AwsComposition.wire(dynamoDb.client(), s3.client(), s3.presigner(), "skysync",
                    "skysync-blobs", UploadIntegrity.SIGNED_SHA256, ServiceConfig.withBootstrapSecret("probe-secret"));
            var created = here.router().handle(new ApiRequest("POST", "/v1/vaults", Map.of(),
                    Map.of("authorization", "Bearer probe-secret", "content-type", "application/json"),
                    "{\"vault\":\"probe\"}".getBytes(StandardCharsets.UTF_8)));
            assertThat(created.status()).isEqualTo(201);
            String token = new ObjectMapper().readTree(created.body()).get("token").asText();
            String hash = ContentHash.ofBytes(new byte[] {1}).hex();

            List<long[]> runs = new ArrayList<>();
            for (int i = 0; i < RUNS; i++) {
                runs.add(probe(jar, dynamoDb, s3, token, hash));
            }

            runs.sort((a, b) -> Long.compare(a[0], b[0]));
            long[] median = runs.get(RUNS / 2);
            System.out.printf("cold start (median of %d, load average %s): spawn to first response %d ms; in the JVM:"
                            + " main at %d ms, handler built at %d ms, first response at %d ms; a second request took %d ms%n",
                    RUNS, loadAverage(), median[0], median[1], median[2], median[3], median[4]);
            assertThat(median[3]).isGreaterThan(median[2]).isLessThan(30_000);
        }
    }

    /** The machine's 1-minute load average, which the figures depend on (Linux only). */
    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** One fresh JVM: {spawn-to-response, main, init, firstResponse, secondRequestTook} in ms. */
    private static long[] probe(Path jar, DynamoDbLocalEmulator dynamoDb, S3ProxyEmulator s3, String token, String hash)
            throws IOException, InterruptedException {
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classPath = jar + File.pathSeparator + Path.of("target", "test-classes").toAbsolutePath();
        ProcessBuilder builder = new ProcessBuilder(javaBin, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-cp", classPath, ColdStartProbe.class.getName(), "probe", token, hash)
                .redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.remove("AWS_CA_BUNDLE");
        env.remove("SKYSYNC_AWS_ENDPOINT");
        env.put("SKYSYNC_TABLE", "skysync");
        env.put("SKYSYNC_BUCKET", "skysync-blobs");
        env.put("SKYSYNC_DYNAMODB_ENDPOINT", dynamoDb.endpoint().toString());
        env.put("SKYSYNC_S3_ENDPOINT", s3.endpoint().toString());
        env.put("AWS_REGION", s3.region());
        env.put("AWS_ACCESS_KEY_ID", s3.accessKey());
        env.put("AWS_SECRET_ACCESS_KEY", s3.secretKey());
        long spawned = System.nanoTime();
        Process process = builder.start();
        List<String> output = new ArrayList<>();
        Long answeredAt = null;
        Matcher matched = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                output.add(line);
                Matcher m = LINE.matcher(line);
                if (m.find()) {
                    answeredAt = System.nanoTime();
                    matched = m;
                }
            }
        }
        assertThat(process.waitFor()).as(String.join("\n", output)).isZero();
        assertThat(matched).as(String.join("\n", output)).isNotNull();
        return new long[] {(answeredAt - spawned) / 1_000_000, Long.parseLong(matched.group(1)),
                Long.parseLong(matched.group(2)), Long.parseLong(matched.group(3)), Long.parseLong(matched.group(4))};
    }

    private static Path lambdaJar() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no *-lambda.jar in target/: run `mvn package` first"));
        }
    }
}
