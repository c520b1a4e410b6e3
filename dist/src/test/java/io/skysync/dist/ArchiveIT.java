package io.skysync.dist;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The release archive as a user meets it: built by this module's {@code package}, unpacked into a
 * temp folder, and run through its own {@code bin/skysync} only, with a PATH that has a Java
 * runtime and the shell's basic tools but no Maven (a {@code mvn} on PATH that would leave a mark)
 * and no source checkout (the working folder is the temp folder).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArchiveIT {
    private static final String VERSION = System.getProperty("skysync.version");
    private static final Path ARCHIVE = Path.of(System.getProperty("skysync.archive", "target/skysync-" + VERSION));

    @TempDir
    static Path temp;
    Path home;
    Path skysync;
    private Process server;
    private final Map<String, String> env = new HashMap<>();

    private record Result(int code, String out, String err) {
    }

    @BeforeAll
    void unpack() throws Exception {
        Path tar = Path.of(ARCHIVE + ".tar.gz");
        assertThat(tar).exists();
        Path into = Files.createDirectories(temp.resolve("opt"));
        Process untar = new ProcessBuilder("tar", "-xzf", tar.toString(), "-C", into.toString()).inheritIO().start();
        assertThat(untar.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(untar.exitValue()).isZero();
        home = into.resolve("skysync-" + VERSION);
        skysync = home.resolve("bin/skysync");

        Path fakeTools = Files.createDirectories(temp.resolve("tools"));
        Path mvn = fakeTools.resolve("mvn");
        Files.writeString(mvn, "#!/bin/sh\ntouch " + temp.resolve("mvn-was-called") + "\nexit 1\n");
        mvn.toFile().setExecutable(true);
        Path userHome = Files.createDirectories(temp.resolve("home"));
        env.put("HOME", userHome.toString());
        env.put("XDG_CONFIG_HOME", userHome.resolve("config").toString());
        env.put("XDG_DATA_HOME", userHome.resolve("data").toString());
        env.put("SKYSYNC_DATA_DIR", temp.resolve("backend-data").toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.put("PATH", home.resolve("bin") + ":" + fakeTools + ":/usr/bin:/bin");
        env.put("DDB_LOCAL_TELEMETRY", "0");
    }

    @AfterAll
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            if (!server.waitFor(30, TimeUnit.SECONDS)) {
                server.destroyForcibly();
            }
        }
    }

    private Result run(String... args) throws Exception {
        // env looks skysync up on the child's PATH (ProcessBuilder would use this JVM's).
        List<String> command = new ArrayList<>(List.of("/usr/bin/env", "skysync"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(temp.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("skysync " + String.join(" ", args)).isTrue();
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static Result ok(Result result) {
        assertThat(result.code()).as(result.out() + result.err()).isZero();
        assertThat(result.err()).as("no logging library's own warnings").doesNotContain("SLF4J");
        return result;
    }

    @Test
    void archive_holdsLaunchersThinClientBackendDocsAndNotices() throws Exception {
        assertThat(Files.getPosixFilePermissions(skysync)).contains(PosixFilePermission.OWNER_EXECUTE);
        String cmd = Files.readString(home.resolve("bin/skysync.cmd"));
        assertThat(cmd).contains("\r\n").contains("lib\\*").contains("backend\\infra-*.jar").contains("io.skysync.client.Main");
        assertThat(names(home.resolve("lib"))).anyMatch(n -> n.startsWith("client-")).anyMatch(n -> n.startsWith("picocli-"))
                .noneMatch(n -> n.startsWith("DynamoDBLocal") || n.startsWith("s3proxy") || n.startsWith("dynamodb-")
                        || n.startsWith("azure-") || n.startsWith("infra-") || n.startsWith("emulators-"));
        assertThat(names(home.resolve("backend"))).contains("infra-" + VERSION + ".jar", "lib");
        assertThat(names(home.resolve("backend/lib"))).anyMatch(n -> n.startsWith("DynamoDBLocal"))
                .anyMatch(n -> n.startsWith("s3proxy"));
        assertThat(names(home.resolve("man/man1"))).contains("skysync.1", "skysync-sync.1", "skysync-trash.1",
                "skysync-devices-revoke.1");
        assertThat(names(home.resolve("completion"))).containsExactlyInAnyOrder("skysync.bash", "skysync.zsh");
        String thirdParty = Files.readString(home.resolve("licenses/THIRD-PARTY.txt"));
        for (String jar : names(home.resolve("lib"))) {
            assertThat(thirdParty).as("THIRD-PARTY.txt lists " + jar).contains("\n" + jar + "\n");
        }
        assertThat(thirdParty).contains("licence: Apache License").contains("com.squareup.okhttp3:okhttp:");
        assertThat(home.resolve("licenses")).isDirectoryRecursivelyContaining("glob:**/META-INF/{LICENSE,NOTICE}*");
        String picocli = "picocli-java17-" + VERSION;
        assertThat(home.resolve("licenses/" + picocli + "/META-INF/LICENSE")).as("picocli's licence, which its own jars leave out")
                .content().contains("Apache License").contains("Version 2.0, January 2004");
        assertThat(thirdParty).contains("\n" + picocli + ".jar\n  io.skysync:picocli-java17:" + VERSION
                + "\n  licence: The Apache Software License, version 2.0").contains("notice:  " + picocli + "/META-INF/LICENSE\n");
        assertThat(Files.readString(home.resolve("README.txt"))).contains("skysync " + VERSION).doesNotContain("${");
    }

    @Test
    void zip_holdsTheSameFilesAsTheTarball() throws Exception {
        TreeSet<String> unpacked = new TreeSet<>();
        try (Stream<Path> walk = Files.walk(home)) {
            walk.filter(Files::isRegularFile).forEach(p -> unpacked.add("skysync-" + VERSION + "/" + home.relativize(p)));
        }
        TreeSet<String> zipped = new TreeSet<>();
        try (ZipFile zip = new ZipFile(Path.of(ARCHIVE + ".zip").toFile())) {
            Collections.list(zip.entries()).stream().filter(e -> !e.isDirectory()).forEach(e -> zipped.add(e.getName()));
        }
        assertThat(zipped).isEqualTo(unpacked);
    }

    @Test
    void unpackedLauncher_onPath_syncsTwoDevicesWithOnlyAJavaRuntime() throws Exception {
        assertThat(ok(run("--version")).out()).startsWith("skysync " + VERSION);
        Path cds = temp.resolve("home/.cache/skysync/cds");
        assertThat(ok(run("sync", "--help")).out()).contains("Usage: skysync sync");
        assertThat(names(cds)).as("a run that does not sync records no class-data archive").noneMatch(n -> n.endsWith(".jsa"));
        server = serve();

        Path laptop = Files.createDirectories(temp.resolve("laptop"));
        Path desk = Files.createDirectories(temp.resolve("desk"));
        ok(run("init", laptop.toString(), "--vault", "notes", "--device", "laptop"));
        ok(run("init", desk.toString(), "--vault", "notes", "--device", "desk"));
        Files.writeString(laptop.resolve("hello.txt"), "hello from the laptop");
        ok(run("sync", laptop.toString()));
        assertThat(names(cds)).as("the first sync records the class-data archive").anyMatch(n -> n.matches("client-\\d+\\.jsa"));
        assertThat(ok(run("completion", "bash")).out()).as("later runs map it, quietly").contains("_complete_skysync")
                .doesNotContain("cds").doesNotContain("warning");
        ok(run("sync", desk.toString()));
        assertThat(Files.readString(desk.resolve("hello.txt"))).isEqualTo("hello from the laptop");

        Files.writeString(desk.resolve("hello.txt"), "edited on the desk");
        Files.createDirectories(desk.resolve("docs"));
        Files.writeString(desk.resolve("docs/plan.md"), "plan");
        ok(run("sync", desk.toString()));
        ok(run("sync", laptop.toString()));
        assertThat(Files.readString(laptop.resolve("hello.txt"))).isEqualTo("edited on the desk");
        assertThat(Files.readString(laptop.resolve("docs/plan.md"))).isEqualTo("plan");
        assertThat(ok(run("devices", laptop.toString())).out()).contains("laptop").contains("desk");

        assertThat(temp.resolve("mvn-was-called")).as("the archive never builds anything").doesNotExist();
    }

    @Test
    void withoutServe_theFirstCommandStartsTheBackendInTheBackground_laterOnesReuseIt_andItStopsWhenIdle() throws Exception {
        Path folder = Files.createDirectories(temp.resolve("background-folder"));
        Path data = temp.resolve("background-data");
        Map<String, String> saved = new HashMap<>(env);
        env.put("SKYSYNC_DATA_DIR", data.toString());
        env.put("SKYSYNC_BACKEND_IDLE_STOP", "3");
        try {
            Files.writeString(folder.resolve("note.txt"), "from the background");
            ok(run("sync", folder.toString()));
            String endpoint = Files.readString(data.resolve("endpoint")).strip();
            ok(run("sync", folder.toString()));
            assertThat(Files.readString(data.resolve("endpoint")).strip()).as("the same backend").isEqualTo(endpoint);
            assertThat(Files.readString(data.resolve("backend.log"))).contains("skysync local backend on " + endpoint);

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (Files.exists(data.resolve("endpoint")) && System.nanoTime() < deadline) {
                Thread.sleep(200);
            }
            assertThat(data.resolve("endpoint")).as("stopped when idle").doesNotExist();
            assertThat(data.resolve("instance-secret")).doesNotExist();
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    @Test
    void clientAlone_withoutTheBackendFolder_runsAndSaysWhereTheLocalBackendIs() throws Exception {
        Path thin = Files.createDirectories(temp.resolve("thin"));
        for (String part : List.of("bin", "lib")) {
            Process copy = new ProcessBuilder("cp", "-r", home.resolve(part).toString(), thin.toString()).inheritIO().start();
            assertThat(copy.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        Path folder = Files.createDirectories(temp.resolve("thin-folder"));
        Map<String, String> saved = new HashMap<>(env);
        env.put("PATH", thin.resolve("bin") + ":/usr/bin:/bin");
        // A data folder no 'skysync serve' runs on (one on the shared folder would serve it).
        env.put("SKYSYNC_DATA_DIR", temp.resolve("thin-data").toString());
        try {
            assertThat(ok(run("--help")).out()).contains("trash");
            Result local = run("init", folder.toString(), "--device", "thin");
            assertThat(local.code()).isEqualTo(2);
            assertThat(local.err().strip()).hasLineCount(1).contains("backend/ folder of the release archive");
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    @Test
    void cacheInsideAFolderOthersMayWriteInto_isNotUsed_theRunsWorkWithoutIt_andSayWhyInOneLine() throws Exception {
        Map<String, String> saved = isolatedUser("shared-cache");
        Path cacheRoot = Files.createDirectories(Path.of(env.get("HOME"), ".cache"));
        Files.setPosixFilePermissions(cacheRoot, PosixFilePermissions.fromString("rwxrwxr-x"));
        Path folder = Files.createDirectories(temp.resolve("shared-cache-folder"));
        Path cds = cacheRoot.resolve("skysync/cds");
        try {
            ok(run("init", folder.toString(), "--device", "shared-cache"));
            Files.writeString(folder.resolve("a.txt"), "a");
            Result sync = ok(run("sync", folder.toString()));
            assertThat(Files.isDirectory(cds) ? names(cds) : List.of())
                    .as("another user could swap the archive's folder: no class-data archive").noneMatch(n -> n.contains(".jsa"));
            assertThat(sync.err().lines().filter(l -> l.startsWith("warning: "))).singleElement().asString()
                    .contains(cacheRoot.toString()).contains("chmod go-w");
            assertThat(sync.err()).doesNotContain("Exception").doesNotContain("\tat ");

            Files.setPosixFilePermissions(cacheRoot, PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.writeString(folder.resolve("b.txt"), "b");
            assertThat(ok(run("sync", folder.toString())).err()).doesNotContain("warning");
            assertThat(names(cds)).as("a safe folder again: recorded").anyMatch(n -> n.matches("client-\\d+\\.jsa"));
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    @Test
    void tempArchiveOfALauncherThatDied_isRemovedByTheNextRun_oneOfARunningLauncherIsNot() throws Exception {
        Map<String, String> saved = isolatedUser("stale");
        Path cds = Files.createDirectories(Path.of(env.get("HOME"), ".cache/skysync/cds"));
        Process gone = new ProcessBuilder("true").start();
        assertThat(gone.waitFor(30, TimeUnit.SECONDS)).isTrue();
        Path stale = Files.writeString(cds.resolve("client-1.jsa." + gone.pid()), "half an archive");
        Path running = Files.writeString(cds.resolve("client-1.jsa." + ProcessHandle.current().pid()), "being written");
        try {
            ok(run("--version"));
            assertThat(stale).as("its launcher is gone (killed with -9, say)").doesNotExist();
            assertThat(running).as("its launcher may still rename it").exists();
        } finally {
            env.clear();
            env.putAll(saved);
        }
    }

    @Test
    void watchThatRecordsTheArchive_stoppedBySigterm_stopsTheClientToo_andLeavesNoTempArchive() throws Exception {
        Map<String, String> saved = isolatedUser("sigterm");
        Path folder = Files.createDirectories(temp.resolve("sigterm-folder"));
        Path cds = Path.of(env.get("HOME"), ".cache/skysync/cds");
        List<ProcessHandle> clients = List.of();
        try {
            ok(run("init", folder.toString(), "--device", "sigterm"));
            ProcessBuilder builder = new ProcessBuilder("/usr/bin/env", "skysync", "watch", folder.toString()).directory(temp.toFile());
            builder.environment().clear();
            builder.environment().putAll(env);
            Path out = temp.resolve("sigterm-watch.out");
            Process watch = builder.redirectOutput(out.toFile()).redirectError(temp.resolve("sigterm-watch.err").toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (Files.size(out) == 0 && watch.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(100);
            }
            assertThat(Files.readString(out)).as("the watch's first round").isNotEmpty();
            clients = watch.children().toList();
            assertThat(clients).as("while it records the archive, the launcher runs the client as its child").isNotEmpty();

            watch.destroy();
            assertThat(watch.waitFor(60, TimeUnit.SECONDS)).isTrue();
            for (ProcessHandle client : clients) {
                assertThat(client.onExit().completeOnTimeout(client, 30, TimeUnit.SECONDS).get().isAlive())
                        .as("the client stops with its launcher").isFalse();
            }
            assertThat(Files.readString(out)).contains("stopped watching");
            assertThat(names(cds)).as("no temp archive left").noneMatch(n -> n.matches(".*\\.jsa\\..*"));
        } finally {
            clients.forEach(ProcessHandle::destroyForcibly);
            env.clear();
            env.putAll(saved);
        }
    }

    /** A user of their own (home, settings, data, backend): answers the environment to restore. */
    private Map<String, String> isolatedUser(String name) throws IOException {
        Map<String, String> saved = new HashMap<>(env);
        Path userHome = Files.createDirectories(temp.resolve(name + "-home"));
        env.put("HOME", userHome.toString());
        env.put("XDG_CONFIG_HOME", userHome.resolve("config").toString());
        env.put("XDG_DATA_HOME", userHome.resolve("data").toString());
        env.put("SKYSYNC_DATA_DIR", temp.resolve(name + "-backend-data").toString());
        env.put("SKYSYNC_BACKEND_IDLE_STOP", "3");
        return saved;
    }

    /** Starts {@code skysync serve --json} and waits for the line that says where it listens. */
    private Process serve() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/usr/bin/env", "skysync", "--json", "serve").directory(temp.toFile())
                .redirectError(temp.resolve("serve.err").toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process = builder.start();
        BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String first = lines.readLine();
        assertThat(first).as("serve printed nothing; its errors: " + Files.readString(temp.resolve("serve.err"))).isNotNull();
        JsonNode started = new ObjectMapper().readTree(first);
        assertThat(started.get("endpoint").asText()).startsWith("http://127.0.0.1:");
        assertThat(started.get("cloud").asText()).isEqualTo("aws");
        return process;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
