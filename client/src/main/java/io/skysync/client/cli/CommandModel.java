package io.skysync.client.cli;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;

/**
 * The picocli model a command line runs on. Building it reads the annotations of every command,
 * which is most of a short command's start (a no-op sync's, {@code --version}'s), so a command line
 * that names one command runs on a model of the root and that command only. It is used only when
 * it parses the words exactly as the whole model would: to the same command, without an error;
 * anything else (help, a typo, an option value that looks like a command) runs on the whole model,
 * which is also what help, completion scripts and man pages are made from.
 */
final class CommandModel {
    /** The root's options that take a value: the word after one is its value, never a command. */
    private static final Set<String> ROOT_VALUE_OPTIONS = Set.of("--on-conflict", "--transfers", "--max-delete", "--data");

    private static final Set<String> SYNCING = Set.of("sync", "push", "pull", "status", "watch");

    private CommandModel() {
    }

    /** Every command. */
    static CommandLine whole(CommandLine.IFactory factory) {
        CommandLine line = new CommandLine(instance(factory, RootCommand.class), factory);
        RootCommand.COMMANDS.forEach(command -> line.addSubcommand(command.name(), instance(factory, command.type())));
        return line;
    }

    /** The model for {@code args}: the root and the one command they name, where that parses them as the whole would. */
    static CommandLine forRun(CommandLine.IFactory factory, String[] args) {
        Optional<RootCommand.Named> named = named(args);
        boolean versionOnly = args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
        if (named.isEmpty() && !versionOnly) {
            return whole(factory);
        }
        CommandLine line = new CommandLine(instance(factory, RootCommand.class), factory);
        named.ifPresent(command -> line.addSubcommand(command.name(), instance(factory, command.type())));
        try {
            CommandLine.ParseResult parsed = line.parseArgs(args);
            String reached = parsed.hasSubcommand() ? parsed.subcommand().commandSpec().name() : null;
            if (named.map(RootCommand.Named::name).equals(Optional.ofNullable(reached))) {
                return line;
            }
        } catch (CommandLine.ParameterException e) {
            // The whole model reports it (with its suggestions).
        }
        return whole(factory);
    }

    /** Whether {@code args} name a command that syncs a folder (opens its index and asks the backend for a plan). */
    static boolean syncs(String[] args) {
        return named(args).map(RootCommand.Named::name).filter(SYNCING::contains).isPresent();
    }

    /** The first word that is neither an option nor an option's value, if it names a command. */
    static Optional<RootCommand.Named> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String word = args[i];
            if (word.equals("--")) {
                return Optional.empty();
            }
            if (word.startsWith("-")) {
                if (ROOT_VALUE_OPTIONS.contains(word)) {
                    i++;
                }
                continue;
            }
            return RootCommand.COMMANDS.stream().filter(c -> c.name().equals(word)).findFirst();
        }
        return Optional.empty();
    }

    private static Object instance(CommandLine.IFactory factory, Class<?> type) {
        try {
            return factory.create(type);
        } catch (Exception e) {
            throw new CommandLine.InitializationException("cannot create the command " + type.getSimpleName() + ": " + e, e);
        }
    }
}
