package io.skysync.client.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.VaultId;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import java.util.Map;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TokenStoreTest {
    private static final TokenStore STORE = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", "/config")));
    private static final String DEPLOYMENT = TokenStore.deployment(URI.create("https://API.example.com:8443/prod/"));

    @Test
    void deployment_isTheUrlWithLowerCaseHostAndNoTrailingSlash() {
        assertThat(DEPLOYMENT).isEqualTo("https://api.example.com:8443/prod");
        assertThat(TokenStore.local(Path.of("/data/./x"))).isEqualTo("local:/data/x");
    }

    @Test
    void file_namesThatUsedToShareAFile_getTheirOwn() {
        VaultId home = new VaultId("home");
        assertThat(STORE.file(key("home", "phone 1"))).isNotEqualTo(STORE.file(key("home", "phone_1")));
        assertThat(STORE.file(new TokenStore.Key(DEPLOYMENT, new VaultId("vd"), "x-y")))
                .isNotEqualTo(STORE.file(new TokenStore.Key(DEPLOYMENT, new VaultId("vd-x"), "y")));
        assertThat(STORE.file(new TokenStore.Key("https://a.example", home, "box")))
                .isNotEqualTo(STORE.file(new TokenStore.Key("https://b.example", home, "box")));
    }

    /** Unambiguous even on a disk that folds case, and readable back. */
    @Property(tries = 300)
    void file_isReversibleAndDistinctUnderCaseFolding(@ForAll @StringLength(min = 1, max = 20) String device,
                                                       @ForAll @StringLength(min = 1, max = 20) String other) {
        String name = STORE.file(key("home", device)).getFileName().toString();
        String otherName = STORE.file(key("home", other)).getFileName().toString();

        assertThat(TokenStore.keyOf(name)).contains(key("home", device));
        assertThat(name.toLowerCase(Locale.ROOT).equals(otherName.toLowerCase(Locale.ROOT))).isEqualTo(device.equals(other));
    }

    @Test
    void file_veryLongNames_stayUnderWhatFileSystemsAllow() {
        String long1 = "\u540d".repeat(64);
        String long2 = "\u540d".repeat(63) + "x";

        String name = STORE.file(key("home", long1)).getFileName().toString();

        assertThat(name.length()).isLessThanOrEqualTo(240);
        assertThat(name).isNotEqualTo(STORE.file(key("home", long2)).getFileName().toString());
    }

    @Test
    void find_tokenFolderWritableByOthers_isRefused(@TempDir Path temp) throws Exception {
        TokenStore store = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.toString())));
        store.save(key("home", "box"), "t0k3n");
        assertThat(store.find(key("home", "box"))).contains("t0k3n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file(key("home", "box")))))
                .isEqualTo("rw-------");

        Files.setPosixFilePermissions(store.dir(), PosixFilePermissions.fromString("rwxrwxrwx"));

        assertThatThrownBy(() -> store.find(key("home", "box"))).isInstanceOf(UserError.class)
                .hasMessageContaining("writable by other users");
    }

    @Test
    void follow_aRenamedDevice_findsItsTokenUnderBothNames_privateAndWithNoTempFileLeft(@TempDir Path temp) throws Exception {
        TokenStore store = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.toString())));
        store.save(key("home", "laptop"), "t0k3n");

        assertThat(store.follow(key("home", "laptop"), key("home", "desk at home"))).isTrue();

        assertThat(store.find(key("home", "desk at home"))).contains("t0k3n");
        assertThat(store.find(key("home", "laptop"))).as("another folder may share it").contains("t0k3n");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(store.file(key("home", "desk at home")))))
                .isEqualTo("rw-------");
        try (Stream<Path> files = Files.list(store.dir())) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(name -> name.endsWith(".tmp"));
        }
    }

    @Test
    void follow_ontoAnotherDevicesTokenFile_isRefusedAndLeavesIt(@TempDir Path temp) throws Exception {
        TokenStore store = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.toString())));
        store.save(key("home", "laptop"), "t0k3n");
        store.save(key("home", "desk"), "desk-token");

        assertThatThrownBy(() -> store.follow(key("home", "laptop"), key("home", "desk")))
                .isInstanceOf(UserError.class).hasMessageContaining("a folder of this machine is device 'desk'");
        assertThatThrownBy(() -> store.requireFreeFor(key("home", "desk"), "t0k3n")).isInstanceOf(UserError.class);

        assertThat(store.find(key("home", "desk"))).contains("desk-token");
        store.requireFreeFor(key("home", "desk"), "desk-token");
        store.requireFreeFor(key("home", "nobody"), "t0k3n");
    }

    @Test
    void follow_withoutATokenFile_writesNothing(@TempDir Path temp) throws Exception {
        TokenStore store = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.toString(), TokenStore.ENV, "from-env")));

        assertThat(store.follow(key("home", "laptop"), key("home", "desk"))).isFalse();

        assertThat(store.taken(key("home", "desk"))).as("the environment's token is never written to disk").isFalse();
    }

    /**
     * A command that takes no folder lock (history, devices, pair) runs beside a watcher, so two
     * processes may save one key at once (the migration of a legacy token file, a refresh): every
     * save lands whole, none fails, and no temp file is left. Before, both used one temp name, so
     * one deleted or moved the other's and failed.
     */
    @Test
    void save_bySeveralWritersAtOnce_neverFailsAndLeavesTheTokenWhole(@TempDir Path temp) throws Exception {
        TokenStore store = new TokenStore(new UserDirs(Map.of("XDG_CONFIG_HOME", temp.toString())));
        TokenStore.Key key = key("home", "box");
        store.save(key, "t0k3n");

        List<Throwable> failures = concurrently(8, 200, () -> store.save(key, "t0k3n"));

        assertThat(failures).isEmpty();
        assertThat(store.find(key)).contains("t0k3n");
        try (Stream<Path> left = Files.list(store.dir())) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly(store.file(key).getFileName().toString());
        }
    }

    /** Runs {@code write} {@code times} times on each of {@code threads} threads started together; answers what it threw. */
    static List<Throwable> concurrently(int threads, int times, Write write) throws InterruptedException {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < times; i++) {
                        write.run();
                    }
                } catch (Exception | AssertionError e) {
                    failures.add(e);
                }
            });
            thread.start();
            all.add(thread);
        }
        start.countDown();
        for (Thread thread : all) {
            thread.join();
        }
        return failures;
    }

    /** One write that may fail. */
    @FunctionalInterface
    interface Write {
        void run() throws Exception;
    }

    private static TokenStore.Key key(String vault, String device) {
        return new TokenStore.Key(DEPLOYMENT, new VaultId(vault), device);
    }
}
