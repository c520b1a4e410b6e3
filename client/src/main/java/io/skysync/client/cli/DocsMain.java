package io.skysync.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine;

/**
 * Writes what the release archive carries besides the jars, generated from the command model:
 * {@code OUT/man/man1/*.1} and {@code OUT/completion/skysync.bash|skysync.zsh}. Run by the build
 * ({@code dist} module), never by users.
 */
public final class DocsMain {
    private DocsMain() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: DocsMain OUTPUT-FOLDER");
        }
        Path out = Path.of(args[0]);
        CommandLine root = Cli.commandLine(new CliContext(Map.of(), System.out, System.err, out, false));
        ManPages.write(root, out.resolve("man/man1"));
        Path completion = Files.createDirectories(out.resolve("completion"));
        Files.writeString(completion.resolve("skysync.bash"), CompletionCommand.script(root, "bash"), StandardCharsets.UTF_8);
        Files.writeString(completion.resolve("skysync.zsh"), CompletionCommand.script(root, "zsh"), StandardCharsets.UTF_8);
    }
}
