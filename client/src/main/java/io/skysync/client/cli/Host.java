package io.skysync.client.cli;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What commands need from the machine beyond their streams and environment: which OS it is, how
 * to run its service manager, the stop request, this process, and the command line that starts
 * skysync again (for service units). Tests pass their own, so nothing real is enabled or stopped.
 *
 * @param launcher the program and arguments that run {@code skysync}; a service appends its own
 */
public record Host(String osName, CommandRunner commands, StopSignal stop, long pid, List<String> launcher) {
    public Host {
        Objects.requireNonNull(osName, "osName");
        Objects.requireNonNull(commands, "commands");
        Objects.requireNonNull(stop, "stop");
        launcher = List.copyOf(launcher);
    }

    /** This JVM: its java, its class path, a small heap (a watcher holds little), the client's main class. */
    public static Host current(StopSignal stop) {
        List<String> launcher = new ArrayList<>();
        launcher.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        launcher.add("-Xmx256m");
        launcher.add("-XX:+UseSerialGC");
        launcher.add("-cp");
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
            }
        }
        launcher.add(String.join(File.pathSeparator, classPath));
        launcher.add("io.skysync.client.Main");
        return new Host(System.getProperty("os.name", ""), CommandRunner.processes(), stop, ProcessHandle.current().pid(),
                launcher);
    }

    boolean macOs() {
        return osName.toLowerCase(Locale.ROOT).startsWith("mac");
    }

    boolean linux() {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux");
    }
}
