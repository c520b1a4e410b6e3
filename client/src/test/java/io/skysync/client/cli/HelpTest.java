package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Every command's --help works and teaches; the command lists show whole summaries. */
class HelpTest {
    @TempDir
    Path temp;

    private record Result(int code, String out, String err) {
    }

    private Result run(List<String> args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args.toArray(String[]::new), Map.of("HOME", temp.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                temp, false);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Every command below the root, as the words that name it: [sync], [devices, revoke], ... */
    private static List<List<String>> commands() {
        List<List<String>> all = new ArrayList<>();
        collect(Cli.commandLine(new CliContext(Map.of(), System.out, System.err, Path.of("."), false)), List.of(), all);
        return all;
    }

    private static void collect(CommandLine line, List<String> path, List<List<String>> all) {
        line.getSubcommands().forEach((name, sub) -> {
            List<String> words = new ArrayList<>(path);
            words.add(name);
            all.add(words);
            collect(sub, words, all);
        });
    }

    private static String header(List<String> words) {
        CommandLine line = Cli.commandLine(new CliContext(Map.of(), System.out, System.err, Path.of("."), false));
        for (String word : words) {
            line = line.getSubcommands().get(word);
        }
        String[] header = line.getCommandSpec().usageMessage().header();
        return header.length == 0 ? "" : String.join(" ", header);
    }

    private static String flat(String text) {
        return text.replaceAll("\\s+", " ");
    }

    @Test
    void everyCommand_help_exitsZeroWithUsageAndExamples() {
        List<List<String>> commands = commands();
        assertThat(commands).hasSizeGreaterThanOrEqualTo(15);
        for (List<String> words : commands) {
            List<String> args = new ArrayList<>(words);
            args.add("--help");
            Result result = run(args);
            String name = "skysync " + String.join(" ", words);
            assertThat(result.code()).as(name + " --help: " + result.err()).isZero();
            assertThat(result.err()).as(name).isEmpty();
            assertThat(result.out()).as(name).contains("Usage: " + name).contains("Examples:")
                    .containsPattern("(?m)^  skysync " + String.join(" ", words) + "\\b");
        }
    }

    @Test
    void everyCommand_hasAWholeOneLineSummary_shownInFullInItsParentsCommandList() {
        for (List<String> words : commands()) {
            String header = header(words);
            assertThat(header).as("skysync " + String.join(" ", words))
                    .matches("[A-Z].{10,70}\\.").doesNotContain("  ");
            Result parent = run(concat(words.subList(0, words.size() - 1), "--help"));
            assertThat(flat(parent.out())).as("command list of " + words.subList(0, words.size() - 1))
                    .contains(words.get(words.size() - 1) + " " + header);
        }
    }

    @Test
    void restoreHelp_isHelpNotAMissingParameter() {
        Result result = run(List.of("restore", "--help"));
        assertThat(result.code()).isZero();
        assertThat(result.out()).contains("--version=N").contains("--to=OTHER");
    }

    @Test
    void usageError_inASubcommand_pointsAtThatSubcommandsHelp() {
        Result result = run(List.of("devices", "revoke"));
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("Missing required parameter").contains("Try 'skysync devices revoke --help'.");
    }

    @Test
    void unknownCommand_suggestsTheNearOne() {
        Result result = run(List.of("synk"));
        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("sync").contains("Try 'skysync --help'.");
    }

    private static List<String> concat(List<String> words, String last) {
        List<String> all = new ArrayList<>(words);
        all.add(last);
        return all;
    }
}
