package io.skysync.client.cli;

import java.util.List;
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
                "Exit codes: 0 done, 1 partial (a guard stopped, files failed, conflicts left), 2 usage error."})
final class RootCommand implements Callable<Integer> {
    /** The commands, in the order help lists them ({@link CommandModel} registers them). */
    static final List<Named> COMMANDS = List.of(new Named("init", InitCommand.class), new Named("sync", SyncCommand.class),
            new Named("push", PushCommand.class), new Named("pull", PullCommand.class),
            new Named("status", StatusCommand.class), new Named("conflicts", ConflictsCommand.class),
            new Named("resolve", ResolveCommand.class), new Named("history", HistoryCommand.class),
            new Named("restore", RestoreCommand.class), new Named("trash", TrashCommand.class),
            new Named("pair", PairCommand.class), new Named("join", JoinCommand.class),
            new Named("devices", DevicesCommand.class), new Named("serve", ServeCommand.class),
            new Named("watch", WatchCommand.class), new Named("service", ServiceCommand.class),
            new Named("completion", CompletionCommand.class));

    /** A command's name (as its {@code @Command} gives it) and class. */
    record Named(String name, Class<?> type) {
    }

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
