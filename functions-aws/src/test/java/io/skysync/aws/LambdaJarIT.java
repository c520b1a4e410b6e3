package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/** The deployment artifact template.yaml points at: built, holding the handler, and lean. */
class LambdaJarIT {

    @Test
    void lambdaJar_atTheTemplatesCodeUri_holdsTheHandlerAndNoApacheOrNettyClient() throws IOException {
        Path repoRoot = SamTemplate.path().getParent();
        SamTemplate template = SamTemplate.load();
        String codeUri = (String) template.properties("SyncFunction").get("CodeUri");
        assertThat(template.properties("RetentionFunction").get("CodeUri")).isEqualTo(codeUri);
        Path jar = repoRoot.resolve(codeUri);

        assertThat(jar).exists();
        try (JarFile file = new JarFile(jar.toFile())) {
            List<String> names = file.stream().map(ZipEntry::getName).toList();
            assertThat(names).contains("io/skysync/aws/SkysyncLambdaHandler.class",
                    "io/skysync/service/SyncService.class",
                    "software/amazon/awssdk/http/urlconnection/UrlConnectionHttpClient.class");
            assertThat(names).noneMatch(n -> n.startsWith("io/netty/") || n.startsWith("org/apache/http/")
                    || n.startsWith("org/apache/hc/") || n.startsWith("software/amazon/awssdk/http/apache")
                    || n.startsWith("org/joda/"));
            assertThat(names).noneMatch(n -> n.endsWith(".SF") || n.endsWith(".RSA") || n.endsWith(".DSA"));
        }
        assertThat(Files.size(jar)).as("a lean jar").isLessThan(25L * 1024 * 1024);
    }
}
