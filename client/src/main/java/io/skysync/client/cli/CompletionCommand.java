package io.skysync.client.cli;

import io.skysync.client.config.UserError;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion", mixinStandardHelpOptions = true,
        header = "Print a shell completion script for bash or zsh.",
        description = "Prints a script that completes skysync's commands and options, generated from the same "
                + "model as this help. zsh runs it through its bash completion support (bashcompinit).",
        footerHeading = CliHelp.EXAMPLES,
        footer = {"  skysync completion bash > ~/.local/share/bash-completion/completions/skysync",
                "  echo 'source <(skysync completion zsh)' >> ~/.zshrc"})
final class CompletionCommand implements Callable<Integer> {
    private final CliContext cli;

    @Parameters(paramLabel = "bash|zsh", description = "the shell to complete in")
    String shell;

    CompletionCommand(CliContext cli) {
        this.cli = cli;
    }

    @Override
    public Integer call() {
        // The whole model: this run's holds only the command it runs (CommandModel).
        cli.out.print(script(Cli.commandLine(cli), shell));
        cli.out.flush();
        return ExitCode.OK;
    }

    /** The completion script of {@code root} for one shell. */
    static String script(CommandLine root, String shell) {
        String bash = AutoComplete.bash("skysync", root);
        return switch (shell.toLowerCase(Locale.ROOT)) {
            case "bash" -> bash;
            // picocli's script loads compinit and bashcompinit itself when it runs under zsh.
            case "zsh" -> "# skysync completion for zsh: add 'source <(skysync completion zsh)' to ~/.zshrc\n" + bash;
            default -> throw new UserError("unknown shell '" + shell + "': use bash or zsh");
        };
    }
}
