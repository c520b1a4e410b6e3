package io.skysync.client.cli;

import picocli.CommandLine.Option;

/**
 * What every command's help shares. Each command has a one-line {@code header} (the summary in the
 * command list, so it must be a whole sentence), a {@code description} with the details, and a
 * footer of examples under {@link #EXAMPLES}.
 */
final class CliHelp {
    /** The heading of every command's examples. */
    static final String EXAMPLES = "%nExamples:%n";

    private CliHelp() {
    }

    /**
     * {@code -h/--help} alone, for a command whose own {@code --version} option would clash with
     * picocli's standard {@code -V/--version} (with both, picocli dropped {@code --help}).
     */
    static final class HelpOnly {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
        boolean help;
    }
}
