package io.skysync.client.cli;

import io.skysync.client.config.ConfigFile;
import io.skysync.client.config.UserError;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(name = "service", mixinStandardHelpOptions = true,
        header = "Run a folder's watcher as a service of your user (systemd or launchd).",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync service install ~/notes", "  skysync service uninstall ~/notes"},
        description = {"Run 'skysync watch DIR' as a service of your user: a systemd user unit on Linux, a launchd",
                "agent on macOS. It starts at login, restarts after a crash, logs to a rotated file under",
                "$XDG_STATE_HOME/skysync (and to the journal on Linux)."})
final class ServiceCommand implements Callable<Integer> {
    private final CliContext cli;

    @ParentCommand
    RootCommand parent;

    @Spec
    CommandLine.Model.CommandSpec spec;

    ServiceCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    @Command(name = "install", mixinStandardHelpOptions = true,
            header = "Write and start the watcher service of a folder.",
            footerHeading = CliHelp.EXAMPLES, footer = {"  skysync service install ~/notes"},
            description = "Write and start the watcher service of DIR (a skysync folder); again to update it.")
    int install(@Parameters(paramLabel = "DIR", description = "the synced folder") String dir) throws Exception {
        Path root = folder(dir);
        if (!ConfigFile.exists(root)) {
            throw new UserError(root + " is not a skysync folder; run 'skysync init " + root + "' first");
        }
        ServiceInstaller.Done done = new ServiceInstaller(cli).install(spec(root));
        cli.say(parent.global, done.message());
        if (!done.enabled()) {
            cli.err.println("skysync: " + done.message());
        }
        return done.enabled() ? ExitCode.OK : ExitCode.PARTIAL;
    }

    @Command(name = "uninstall", mixinStandardHelpOptions = true,
            header = "Stop and remove the watcher service of a folder.",
            footerHeading = CliHelp.EXAMPLES, footer = {"  skysync service uninstall ~/notes"},
            description = "Stop and remove the watcher service of DIR; the folder and its data stay.")
    int uninstall(@Parameters(paramLabel = "DIR", description = "the synced folder") String dir) throws Exception {
        ServiceInstaller.Done done = new ServiceInstaller(cli).uninstall(spec(folder(dir)));
        cli.say(parent.global, done.message());
        return ExitCode.OK;
    }

    private Path folder(String dir) {
        return cli.resolve(dir);
    }

    private ServiceSpec spec(Path root) {
        return ServiceSpec.of(root, cli.host.launcher(), cli.env, cli.dirs.stateDir());
    }
}
