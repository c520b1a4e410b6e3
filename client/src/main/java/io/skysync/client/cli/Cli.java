package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import io.skysync.client.scan.RootUnavailableException;
import io.skysync.client.sync.SafetyStop;
import io.skysync.error.SkysyncException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs one command line and maps every outcome to an exit code in this one place: a user mistake
 * is one sentence (exit 2), a guard or partial failure exit 1; stack traces only with {@code -v}.
 */
public final class Cli {
    private Cli() {
    }

    /** Whether {@code args} name a command that syncs a folder, so its libraries are worth setting up early. */
    public static boolean syncs(String[] args) {
        return CommandModel.syncs(args);
    }

    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Path cwd, boolean terminal) {
        return run(args, env, out, err, cwd, terminal, Host.current(new StopSignal()));
    }

    /** As above on a given {@link Host}: its stop request, service manager and OS (tests, and {@link io.skysync.client.Main}). */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err, Path cwd, boolean terminal,
                          Host host) {
        CliContext context = new CliContext(env, out, err, cwd, terminal, host);
        CommandLine line = CommandModel.forRun(new CommandFactory(context), args);
        RootCommand root = line.getCommand();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        line.setExitCodeExceptionMapper(e -> ExitCode.USAGE);
        line.setParameterExceptionHandler((e, a) -> {
            err.println("skysync: " + e.getMessage());
            PrintWriter suggestions = new PrintWriter(err, true);
            CommandLine.UnmatchedArgumentException.printSuggestions(e, suggestions);
            suggestions.flush();
            err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            return ExitCode.USAGE;
        });
        line.setExecutionExceptionHandler((e, cmd, parsed) -> handle(e, root.global, err));
        try {
            return line.execute(args);
        } finally {
            context.close();
        }
    }

    /** The command model: what runs, and what help, completion scripts and man pages are made from. */
    static CommandLine commandLine(CliContext context) {
        return CommandModel.whole(new CommandFactory(context));
    }

    private static int handle(Exception e, GlobalOptions global, PrintStream err) {
        Throwable t = e;
        int code;
        String message;
        if (t instanceof UserError) {
            code = ExitCode.USAGE;
            message = t.getMessage();
        } else if (t instanceof SafetyStop || t instanceof RootUnavailableException) {
            code = ExitCode.PARTIAL;
            message = t.getMessage();
        } else if (t instanceof SkysyncException se) {
            int status = se.code().status();
            code = status == 401 || status == 403 || status == 404 ? ExitCode.USAGE : ExitCode.PARTIAL;
            message = hint(se);
        } else if (t instanceof IOException io) {
            code = ExitCode.PARTIAL;
            message = "file system error: " + io.getMessage();
        } else if (t instanceof UncheckedIOException io) {
            code = ExitCode.PARTIAL;
            message = "file system error: " + io.getCause().getMessage();
        } else {
            code = ExitCode.PARTIAL;
            message = "unexpected error: " + t + " (run with -v for details)";
        }
        err.println("skysync: " + message);
        if (global.verbose) {
            e.printStackTrace(err);
        }
        return code;
    }

    private static String hint(SkysyncException e) {
        return switch (e.code()) {
            case UNAUTHORIZED -> "the server refused this device's token: the device was revoked, or the token is not"
                    + " one of this vault (check SKYSYNC_TOKEN and the token file); to join again, run 'skysync pair' on"
                    + " a device of the vault, then 'skysync join CODE DIR' here";
            case NOT_FOUND -> e.getMessage() + "; check the vault name in .skysync/config.toml";
            case FORBIDDEN -> e.getMessage();
            default -> e.getMessage();
        };
    }

    /** Lets commands receive the process context through their constructor. */
    private static final class CommandFactory implements CommandLine.IFactory {
        private final CliContext context;
        private final CommandLine.IFactory fallback = CommandLine.defaultFactory();

        CommandFactory(CliContext context) {
            this.context = context;
        }

        @Override
        public <K> K create(Class<K> type) throws Exception {
            try {
                return type.getDeclaredConstructor(CliContext.class).newInstance(context);
            } catch (NoSuchMethodException e) {
                return fallback.create(type);
            }
        }
    }
}
