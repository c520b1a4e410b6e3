package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes, enables and removes a watcher service with the machine's service manager: a systemd
 * user unit on Linux ({@code systemctl --user}), a launchd agent on macOS ({@code launchctl}).
 * The manager is reached only through the {@link Host}'s {@link CommandRunner}, so tests never
 * enable anything on the machine that runs them.
 */
final class ServiceInstaller {
    private final CliContext cli;

    ServiceInstaller(CliContext cli) {
        this.cli = cli;
    }

    /** What was done, for the user; a manager that refused leaves the file in place and says how to finish. */
    record Done(Path file, String message, boolean enabled) {
    }

    Done install(ServiceSpec spec) throws IOException {
        if (!cli.host.linux() && !cli.host.macOs()) {
            throw unsupported();
        }
        Files.createDirectories(spec.logFile().getParent());
        return cli.host.linux() ? installUnit(spec) : installAgent(spec);
    }

    private Done installUnit(ServiceSpec spec) throws IOException {
        Path unit = unitFile(spec);
        write(unit, ServiceFiles.systemdUnit(spec));
        String name = unit.getFileName().toString();
        CommandRunner.Result result = systemctl("daemon-reload");
        if (result.exitCode() == 0) {
            result = systemctl("enable", name);
        }
        if (result.exitCode() == 0) {
            // restart, not start: an installed service that runs picks up the new unit.
            result = systemctl("restart", name);
        }
        return outcome(unit, result, "systemctl --user enable " + name + " && systemctl --user restart " + name,
                "started; it starts again at every login. Logs: " + spec.logFile() + ", and 'journalctl --user -u "
                        + name + "'");
    }

    private Done installAgent(ServiceSpec spec) throws IOException {
        Path plist = plistFile(spec);
        write(plist, ServiceFiles.launchdPlist(spec, label(spec)));
        String domain = "gui/" + uid();
        // A service installed before is replaced: bootstrap refuses a label that is loaded.
        cli.host.commands().run(List.of("launchctl", "bootout", domain + "/" + label(spec)));
        CommandRunner.Result load = cli.host.commands().run(List.of("launchctl", "bootstrap", domain, plist.toString()));
        return outcome(plist, load, "launchctl bootstrap " + domain + " " + plist,
                "started; it starts again at every login. Log: " + spec.logFile());
    }

    Done uninstall(ServiceSpec spec) throws IOException {
        if (cli.host.linux()) {
            Path unit = unitFile(spec);
            if (!Files.exists(unit)) {
                throw notInstalled(spec, unit);
            }
            CommandRunner.Result disable = systemctl("disable", "--now", unit.getFileName().toString());
            Files.delete(unit);
            systemctl("daemon-reload");
            return new Done(unit, "stopped and removed " + unit + (disable.exitCode() == 0 ? ""
                    : " (systemctl said: " + disable.output() + ")"), disable.exitCode() == 0);
        }
        if (cli.host.macOs()) {
            Path plist = plistFile(spec);
            if (!Files.exists(plist)) {
                throw notInstalled(spec, plist);
            }
            CommandRunner.Result unload = cli.host.commands().run(List.of("launchctl", "bootout", "gui/" + uid() + "/" + label(spec)));
            Files.delete(plist);
            return new Done(plist, "stopped and removed " + plist + (unload.exitCode() == 0 ? ""
                    : " (launchctl said: " + unload.output() + ")"), unload.exitCode() == 0);
        }
        throw unsupported();
    }

    Path unitFile(ServiceSpec spec) {
        String config = cli.env.get("XDG_CONFIG_HOME");
        Path base = config != null && !config.isBlank() && Path.of(config).isAbsolute() ? Path.of(config)
                : cli.dirs.home().resolve(".config");
        return base.resolve("systemd/user").resolve(spec.name() + ".service");
    }

    Path plistFile(ServiceSpec spec) {
        return cli.dirs.home().resolve("Library/LaunchAgents").resolve(label(spec) + ".plist");
    }

    static String label(ServiceSpec spec) {
        return "io.skysync.watch." + spec.name().substring("skysync-".length());
    }

    private Done outcome(Path file, CommandRunner.Result result, String command, String success) {
        if (result.exitCode() == 0) {
            return new Done(file, "wrote " + file + "; the watcher is " + success, true);
        }
        return new Done(file, "wrote " + file + ", but the service manager refused to start it: " + result.output()
                + "; fix that, then run '" + command + "'", false);
    }

    private CommandRunner.Result systemctl(String... arguments) throws IOException {
        List<String> command = new ArrayList<>(List.of("systemctl", "--user"));
        command.addAll(List.of(arguments));
        return cli.host.commands().run(command);
    }

    private String uid() throws IOException {
        CommandRunner.Result id = cli.host.commands().run(List.of("id", "-u"));
        if (id.exitCode() != 0 || !id.output().strip().matches("[0-9]+")) {
            throw new IOException("cannot tell this user's id ('id -u' said: " + id.output() + ")");
        }
        return id.output().strip();
    }

    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(temp, text, StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private UserError unsupported() {
        return new UserError("'skysync service' knows systemd (Linux) and launchd (macOS), not " + cli.host.osName()
                + "; run 'skysync watch DIR' from your system's own start-up mechanism instead");
    }

    private static UserError notInstalled(ServiceSpec spec, Path file) {
        return new UserError("no skysync service for " + spec.root() + " (no " + file + ")");
    }
}
