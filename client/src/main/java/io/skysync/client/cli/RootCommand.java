package io.skysync.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

@Command(name = "skysync", mixinStandardHelpOptions = true, versionProvider = RootCommand.Version.class,
        description = "Keeps a folder in step across your devices.",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync sync ~/notes", "  skysync init ~/notes --vault notes --device laptop",
                "%nRun 'skysync COMMAND --help' for a command's options (or 'man skysync-COMMAND').",
                "Exit codes: 0 done, 1 partial (a guard stopped, files failed, conflicts left), 2 usage error."},
        subcommands = {InitCommand.class, SyncCommand.class, PushCommand.class, PullCommand.class, StatusCommand.class,
                ConflictsCommand.class, ResolveCommand.class, HistoryCommand.class, RestoreCommand.class, TrashCommand.class,
                PairCommand.class, JoinCommand.class, DevicesCommand.class, ServeCommand.class, WatchCommand.class,
                ServiceCommand.class, CompletionCommand.class})
final class RootCommand implements Callable<Integer> {
    @Mixin
    GlobalOptions global;

    @Spec
    CommandLine.Model.CommandSpec spec;

    RootCommand(CliContext context) {
        this.global = new GlobalOptions();
    }

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCode.USAGE;
    }

    /** The version from the jar's manifest, or "dev" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = RootCommand.class.getPackage().getImplementationVersion();
            return new String[] {"skysync " + (v == null ? "0.1.0-SNAPSHOT" : v)};
        }
    }
}
