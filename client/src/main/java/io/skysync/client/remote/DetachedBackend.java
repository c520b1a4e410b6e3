package io.skysync.client.remote;

import io.skysync.client.config.UserError;
import io.skysync.spi.LocalBackend;
import io.skysync.spi.PrivateFolder;
import java.io.File;
import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts the local backend in a process of its own, for the commands that follow as well as this
 * one: the backend's start (seconds: DynamoDB Local and S3Proxy, or Azurite) is paid once, not by
 * every command. It is the same backend as {@code skysync serve} ({@code io.skysync.infra.ServeMain},
 * from this JVM's class path and the backend jar the launcher names), holding the data folder's lock and writing its instance secret and
 * endpoint there, and it stops by itself after {@code idleStop} without a request. Its output goes
 * to {@code backend.log} in the data folder. Where {@code setsid} exists it runs in a session of its
 * own, so a Ctrl-C of the command that started it does not stop it.
 */
final class DetachedBackend {
    static final String MAIN = "io.skysync.infra.ServeMain";
    static final String LOG = "backend.log";
    private static final List<Path> SETSID = List.of(Path.of("/usr/bin/setsid"), Path.of("/bin/setsid"));

    private DetachedBackend() {
    }

    /** Starts the backend process; it exits at once if another backend takes the data folder first. */
    static Process spawn(Path dataDir, String flavour, Duration idleStop) {
        try {
            createPrivate(dataDir);
            Path log = createLog(dataDir);
            ProcessBuilder builder = new ProcessBuilder(command(dataDir, flavour, idleStop))
                    .redirectInput(Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(Redirect.appendTo(log.toFile()));
            // The backend needs no device token; the command's own stays with the command.
            builder.environment().remove("SKYSYNC_TOKEN");
            return builder.start();
        } catch (IOException | UnsupportedOperationException e) {
            throw new UserError("cannot start the local backend in the background (" + e.getMessage()
                    + "); set SKYSYNC_BACKEND_IDLE_STOP=0 to run it inside each command instead", e);
        }
    }

    /**
     * The launcher's JIT (bin/skysync): the full tiered JIT with its top tier held back until code is
     * hot. S3Proxy checks every upload's signed SHA-256, and C1 alone leaves the JDK's SHA-256 without
     * the CPU's SHA instructions (docs/performance.md, "The launcher's JIT").
     */
    static final List<String> JIT = List.of("-XX:Tier4InvocationThreshold=50000", "-XX:Tier4MinInvocationThreshold=20000",
            "-XX:Tier4CompileThreshold=60000", "-XX:Tier4BackEdgeThreshold=400000");

    private static List<String> command(Path dataDir, String flavour, Duration idleStop) {
        List<String> command = new ArrayList<>();
        SETSID.stream().filter(Files::isExecutable).findFirst().ifPresent(p -> command.add(p.toString()));
        command.add(javaBinary());
        command.addAll(JIT);
        command.addAll(List.of("-XX:+UseSerialGC", "-Xshare:auto"));
        // This class path, and the backend jar where the launcher keeps it off it (its manifest names its
        // libraries; the release leaves out of backend/lib what lib/ already holds).
        String classPath = System.getProperty("java.class.path")
                + LocalBackend.backendJar().map(jar -> File.pathSeparator + jar).orElse("");
        command.addAll(List.of("-cp", classPath, MAIN, "--data", dataDir.toString(),
                "--cloud", flavour, "--idle-stop", Long.toString(Math.max(1, idleStop.toSeconds()))));
        return command;
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /** Two commands may start a backend at once: the second finds the first's log, which is no failure. */
    static Path createLog(Path dataDir) throws IOException {
        Path log = dataDir.resolve(LOG);
        try {
            Files.createFile(log, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (FileAlreadyExistsException e) {
            // the other command's, or a backend's before
        }
        return log;
    }

    private static void createPrivate(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            Files.createDirectories(dataDir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        try {
            PrivateFolder.require(dataDir, "the local backend's data folder");
        } catch (IllegalStateException e) {
            throw new UserError(e.getMessage(), e);
        }
    }
}
