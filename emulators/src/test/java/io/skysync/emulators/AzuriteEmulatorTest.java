package io.skysync.emulators;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AzuriteEmulatorTest {
    @TempDir
    Path dir;

    @Test
    void locate_azuriteHomeIsThePackage_findsIt() throws IOException {
        Path pkg = fakeInstall(dir.resolve("anywhere/azurite"));

        assertThat(AzuriteEmulator.locate(Map.of("AZURITE_HOME", pkg.toString(), "SKYSYNC_CACHE", dir.resolve("c").toString()),
                dir.resolve("work"))).contains(pkg);
    }

    @Test
    void locate_azuriteHomeIsAnInstallPrefix_findsThePackageBelowIt() throws IOException {
        Path pkg = fakeInstall(dir.resolve("prefix/node_modules/azurite"));

        assertThat(AzuriteEmulator.locate(Map.of("AZURITE_HOME", dir.resolve("prefix").toString(),
                "SKYSYNC_CACHE", dir.resolve("c").toString()), dir.resolve("work"))).contains(pkg);
    }

    @Test
    void locate_nodeModulesInAParentOfTheWorkingFolder_findsIt() throws IOException {
        Path pkg = fakeInstall(dir.resolve("repo/node_modules/azurite"));
        Path module = Files.createDirectories(dir.resolve("repo/functions-azure"));

        assertThat(AzuriteEmulator.locate(Map.of("SKYSYNC_CACHE", dir.resolve("c").toString()), module)).contains(pkg);
    }

    @Test
    void locate_installScriptCache_findsIt() throws IOException {
        Path pkg = fakeInstall(dir.resolve("cache/azurite-" + AzuriteEmulator.VERSION + "/node_modules/azurite"));

        assertThat(AzuriteEmulator.locate(Map.of("SKYSYNC_CACHE", dir.resolve("cache").toString()), dir)).contains(pkg);
    }

    @Test
    void locate_nothingInstalled_isEmptyAndTheMessageSaysHowToInstall() {
        assertThat(AzuriteEmulator.locate(Map.of("AZURITE_HOME", dir.resolve("missing").toString(),
                "SKYSYNC_CACHE", dir.resolve("c").toString()), dir)).isEmpty();
        assertThat(AzuriteEmulator.notInstalledMessage()).contains(".ci/install-azurite.sh").contains("AZURITE_HOME");
    }

    private static Path fakeInstall(Path pkg) throws IOException {
        Path entry = pkg.resolve("dist/src/azurite.js");
        Files.createDirectories(entry.getParent());
        Files.writeString(entry, "// not really azurite");
        return pkg;
    }
}
