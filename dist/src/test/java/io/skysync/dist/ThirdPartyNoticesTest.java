package io.skysync.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Licence notices out of jars, and licences out of poms (the jar's, or its parents' in the repository). */
class ThirdPartyNoticesTest {
    @TempDir
    Path temp;

    @Test
    void isNotice_takesLicenceFilesOnly() {
        assertThat(ThirdPartyNotices.isNotice("META-INF/LICENSE")).isTrue();
        assertThat(ThirdPartyNotices.isNotice("META-INF/LICENSE.txt")).isTrue();
        assertThat(ThirdPartyNotices.isNotice("META-INF/NOTICE.md")).isTrue();
        assertThat(ThirdPartyNotices.isNotice("LICENSE")).isTrue();
        assertThat(ThirdPartyNotices.isNotice("META-INF/licenses/asm.txt")).isTrue();
        assertThat(ThirdPartyNotices.isNotice("META-INF/maven/g/a/pom.xml")).isFalse();
        assertThat(ThirdPartyNotices.isNotice("META-INF/versions/9/LICENSE")).isFalse();
        assertThat(ThirdPartyNotices.isNotice("com/example/License.class")).isFalse();
        assertThat(ThirdPartyNotices.isNotice("docs/license.html")).isFalse();
    }

    @Test
    void main_copiesNotices_andFindsTheLicenceInAParentPom() throws Exception {
        Path repo = temp.resolve("repo");
        Path jar = jar(repo.resolve("org/example/lib/1.0/lib-1.0.jar"), Map.of("META-INF/NOTICE", "Example notice",
                "org/example/Lib.class", "not really a class"));
        Files.writeString(jar.resolveSibling("lib-1.0.pom"), "<project><parent><groupId>org.example</groupId>"
                + "<artifactId>parent</artifactId><version>2</version></parent><artifactId>lib</artifactId></project>");
        Path parent = Files.createDirectories(repo.resolve("org/example/parent/2")).resolve("parent-2.pom");
        Files.writeString(parent, "<project><licenses><license><name>MIT License</name>"
                + "<url>https://opensource.org/licenses/MIT</url></license></licenses></project>");
        Path out = temp.resolve("out");

        ThirdPartyNotices.main(new String[] {out.toString(), repo.toString(), jar.toString()});

        String list = Files.readString(out.resolve("THIRD-PARTY.txt"));
        assertThat(list).contains("lib-1.0.jar\n  org.example:lib:1.0\n  licence: MIT License <https://opensource.org/licenses/MIT>\n"
                + "  notice:  lib-1.0/META-INF/NOTICE\n");
        assertThat(out.resolve("lib-1.0/META-INF/NOTICE")).hasContent("Example notice");
        assertThat(out.resolve("lib-1.0/org")).doesNotExist();
    }

    @Test
    void main_entryClimbingOutOfItsFolder_isRefused() throws Exception {
        Path jar = jar(temp.resolve("evil.jar"), Map.of("META-INF/licenses/../../../../escaped", "x"));

        assertThatThrownBy(() -> ThirdPartyNotices.main(new String[] {temp.resolve("out").toString(),
                temp.resolve("repo").toString(), jar.toString()})).isInstanceOf(IOException.class).hasMessageContaining("outside");
        assertThat(temp.resolve("escaped")).doesNotExist();
    }

    private static Path jar(Path file, Map<String, String> entries) throws IOException {
        Files.createDirectories(file.getParent());
        try (OutputStream os = Files.newOutputStream(file); JarOutputStream out = new JarOutputStream(os)) {
            for (Map.Entry<String, String> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue().getBytes(StandardCharsets.UTF_8));
                out.closeEntry();
            }
        }
        return file;
    }
}
