package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.client.cli.InProcessCli.Result;
import io.skysync.client.testing.FakeBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A synced folder never lies inside another one, nor contains one: their vaults would sync each other's files. */
class InitNestingCliTest {
    @TempDir
    Path temp;
    private FakeBackend backend;

    @BeforeEach
    void start() throws Exception {
        backend = FakeBackend.start();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private Result run(String... args) {
        return InProcessCli.run(temp, Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), args);
    }

    private Result init(Path dir, String device) {
        return run("init", dir.toString(), "--endpoint", backend.endpoint().toString(), "--vault", "nest", "--device", device);
    }

    @Test
    void init_insideAnExistingRoot_isRefusedNamingIt() throws Exception {
        Path outer = Files.createDirectories(temp.resolve("outer"));
        Path inner = Files.createDirectories(outer.resolve("a/inner"));
        assertThat(init(outer, "outer").code()).isZero();

        Result nested = init(inner, "inner");

        assertThat(nested.code()).isEqualTo(ExitCode.USAGE);
        assertThat(nested.err().strip()).contains("inside the skysync folder " + outer).hasLineCount(1);
        assertThat(inner.resolve(".skysync")).doesNotExist();
    }

    @Test
    void init_ofAFolderThatContainsARoot_isRefusedNamingIt() throws Exception {
        Path outer = Files.createDirectories(temp.resolve("outer"));
        Path inner = Files.createDirectories(outer.resolve("a/inner"));
        assertThat(init(inner, "inner").code()).isZero();

        Result around = init(outer, "outer");

        assertThat(around.code()).isEqualTo(ExitCode.USAGE);
        assertThat(around.err().strip()).contains("contains the skysync folder " + inner).hasLineCount(1);
        assertThat(outer.resolve(".skysync")).doesNotExist();
    }

    @Test
    void init_sameFolderAgain_isStillAnsweredAsBefore() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("dir"));
        assertThat(init(dir, "box").code()).isZero();

        Result again = init(dir, "box");

        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("already a skysync folder");
    }

    @Test
    void join_insideAnExistingRoot_isRefused() throws Exception {
        Path outer = Files.createDirectories(temp.resolve("outer"));
        assertThat(init(outer, "outer").code()).isZero();

        Result join = run("join", "1234-5678", outer.resolve("sub").toString(), "--endpoint", backend.endpoint().toString(),
                "--vault", "nest", "--device", "sub");

        assertThat(join.code()).isEqualTo(ExitCode.USAGE);
        assertThat(join.err()).contains("inside the skysync folder " + outer);
        assertThat(outer.resolve("sub")).doesNotExist();
    }
}
