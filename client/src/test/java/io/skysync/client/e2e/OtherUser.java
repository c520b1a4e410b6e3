package io.skysync.client.e2e;

import static org.junit.jupiter.api.Assumptions.abort;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Another user of this machine, to attack as: {@code nobody}, reached with {@code setpriv} (which
 * needs root). Tests that need one are skipped, saying why, when the tests do not run as root.
 */
final class OtherUser {
    static final String NAME = "nobody";
    private static final String SETPRIV = "/usr/bin/setpriv";

    private OtherUser() {
    }

    /** Skips the calling test unless it runs as root with setpriv, a user {@value #NAME} and python3. */
    static void requireOne() {
        if (!"root".equals(System.getProperty("user.name"))) {
            abort("acting as another local user needs root (setpriv); run the tests as root to include this case");
        }
        if (!Files.isExecutable(Path.of(SETPRIV)) || !Files.isExecutable(Path.of("/usr/bin/python3"))) {
            abort("acting as another local user needs " + SETPRIV + " and /usr/bin/python3");
        }
        if (id("-u") < 0 || run("id", "-u").exitCode != 0) {
            abort("there is no user '" + NAME + "' to act as");
        }
    }

    /** The other user's uid ({@code -u}) or gid ({@code -g}), or -1. */
    private static int id(String which) {
        try {
            Process id = new ProcessBuilder("id", which, NAME).redirectErrorStream(true).start();
            String out = new String(id.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return id.waitFor(10, TimeUnit.SECONDS) && id.exitValue() == 0 ? Integer.parseInt(out) : -1;
        } catch (IOException | NumberFormatException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /** A folder the other user owns, outside the test's own (owner-only) temp folders. */
    static Path ownFolder() throws IOException {
        Path dir = Files.createTempDirectory("skysync-other-user-");
        UserPrincipal other = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(NAME);
        Files.setOwner(dir, other);
        return dir;
    }

    record Outcome(int exitCode, String output) {
    }

    /** Runs a command as the other user and waits for it. */
    static Outcome run(String... command) {
        try {
            Process process = start(command);
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Outcome(-1, output + "\n(timed out)");
            }
            return new Outcome(process.exitValue(), output);
        } catch (IOException e) {
            return new Outcome(-1, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(-1, e.toString());
        }
    }

    /** Starts a command as the other user, output and errors together. */
    static Process start(String... command) throws IOException {
        List<String> all = new ArrayList<>(List.of(SETPRIV, "--reuid=" + id("-u"), "--regid=" + id("-g"), "--clear-groups", "--"));
        all.addAll(List.of(command));
        return new ProcessBuilder(all).redirectErrorStream(true).start();
    }
}
