package io.skysync.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs a program such as {@code systemctl} or {@code launchctl}; tests pass one that records instead. */
public interface CommandRunner {

    /** The program's exit code and its output (standard output and error together). */
    record Result(int exitCode, String output) {
    }

    Result run(List<String> command) throws IOException;

    /** Runs it for real, for at most a minute. */
    static CommandRunner processes() {
        return command -> {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            try {
                process.getOutputStream().close();
                byte[] output = process.getInputStream().readAllBytes();
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IOException(command.get(0) + " did not finish within a minute");
                }
                return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8).strip());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
                throw new IOException("interrupted while running " + command.get(0), e);
            }
        };
    }
}
