package io.skysync.client.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * Man pages (troff, the {@code man(7)} macros) for every command, written from the same picocli
 * model as {@code --help}: one page per command, {@code skysync-devices-revoke.1} for
 * {@code skysync devices revoke}. Options every command inherits are listed once per page under
 * GLOBAL OPTIONS, after the command's own.
 */
final class ManPages {
    private ManPages() {
    }

    /** Writes a page for {@code root} and every command below it into {@code dir}; returns the files. */
    static List<Path> write(CommandLine root, Path dir) throws IOException {
        Files.createDirectories(dir);
        List<Path> written = new ArrayList<>();
        for (CommandLine line : all(root)) {
            Path file = dir.resolve(fileName(line.getCommandSpec()));
            Files.writeString(file, page(line.getCommandSpec()), StandardCharsets.UTF_8);
            written.add(file);
        }
        return written;
    }

    static List<CommandLine> all(CommandLine root) {
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        root.getSubcommands().values().forEach(sub -> all.addAll(all(sub)));
        return all;
    }

    static String fileName(CommandSpec spec) {
        return pageName(spec) + ".1";
    }

    private static String pageName(CommandSpec spec) {
        return spec.qualifiedName("-");
    }

    static String page(CommandSpec spec) {
        StringBuilder out = new StringBuilder();
        String version = spec.root().version().length > 0 ? spec.root().version()[0] : "skysync";
        out.append(".TH \"").append(esc(pageName(spec).toUpperCase(Locale.ROOT))).append("\" \"1\" \"\" \"")
                .append(esc(version)).append("\" \"skysync manual\"\n");
        out.append(".SH NAME\n").append(esc(pageName(spec))).append(" \\- ").append(esc(header(spec))).append('\n');
        out.append(".SH SYNOPSIS\n").append(synopsis(spec));
        out.append(".SH DESCRIPTION\n").append(paragraph(String.join(" ", spec.usageMessage().description())));
        List<PositionalParamSpec> params = spec.positionalParameters().stream().filter(p -> !p.hidden()).toList();
        if (!params.isEmpty()) {
            out.append(".SH ARGUMENTS\n");
            params.forEach(p -> item(out, "\\fI" + esc(p.paramLabel()) + "\\fR", p.description()));
        }
        options(out, "OPTIONS", spec.options().stream().filter(o -> !o.hidden() && !o.inherited()).toList());
        options(out, "GLOBAL OPTIONS", spec.options().stream().filter(o -> !o.hidden() && o.inherited()).toList());
        Map<String, CommandLine> subs = spec.subcommands();
        if (!subs.isEmpty()) {
            out.append(".SH COMMANDS\n");
            subs.values().forEach(sub -> item(out, "\\fB" + esc(sub.getCommandName()) + "\\fR",
                    new String[] {header(sub.getCommandSpec()) + " See " + pageName(sub.getCommandSpec()) + "(1)."}));
        }
        examples(out, spec.usageMessage().footer());
        out.append(".SH SEE ALSO\n").append(esc(String.join(", ", seeAlso(spec)))).append('\n');
        return out.toString();
    }

    private static String synopsis(CommandSpec spec) {
        StringBuilder out = new StringBuilder(".B ").append(esc(spec.qualifiedName())).append('\n');
        StringBuilder rest = new StringBuilder("[OPTIONS]");
        for (PositionalParamSpec p : spec.positionalParameters()) {
            rest.append(' ').append(p.arity().min() == 0 ? "[" + p.paramLabel() + "]" : p.paramLabel());
        }
        if (!spec.subcommands().isEmpty()) {
            rest.append(" [COMMAND]");
        }
        return out.append(esc(rest.toString())).append('\n').toString();
    }

    private static void options(StringBuilder out, String title, List<OptionSpec> options) {
        if (options.isEmpty()) {
            return;
        }
        out.append(".SH ").append(title).append('\n');
        options.stream().sorted(Comparator.comparing(OptionSpec::longestName)).forEach(o -> {
            List<String> names = new ArrayList<>();
            for (String name : o.names()) {
                names.add("\\fB" + esc(name) + "\\fR");
            }
            String label = o.arity().max() == 0 ? "" : "=\\fI" + esc(o.paramLabel()) + "\\fR";
            item(out, String.join(", ", names) + label, describe(o));
        });
    }

    private static String[] describe(OptionSpec option) {
        String[] lines = option.description().clone();
        for (int i = 0; i < lines.length; i++) {
            lines[i] = lines[i].replace("${DEFAULT-VALUE}", String.valueOf(option.defaultValue()));
        }
        return lines;
    }

    private static void item(StringBuilder out, String tag, String[] description) {
        out.append(".TP\n").append(tag).append('\n').append(paragraph(String.join(" ", description)));
    }

    private static void examples(StringBuilder out, String[] footer) {
        if (footer.length == 0) {
            return;
        }
        out.append(".SH EXAMPLES\n.nf\n.RS\n");
        for (String line : footer) {
            for (String part : line.split("%n", -1)) {
                out.append(esc(part.strip())).append('\n');
            }
        }
        out.append(".RE\n.fi\n");
    }

    private static List<String> seeAlso(CommandSpec spec) {
        List<String> pages = new ArrayList<>();
        if (spec.parent() != null) {
            pages.add(pageName(spec.parent()) + "(1)");
        }
        spec.subcommands().values().forEach(sub -> pages.add(pageName(sub.getCommandSpec()) + "(1)"));
        if (pages.isEmpty() || spec.parent() != null && spec.parent().parent() != null) {
            pages.add("skysync(1)");
        }
        return pages;
    }

    private static String header(CommandSpec spec) {
        return String.join(" ", spec.usageMessage().header());
    }

    private static String paragraph(String text) {
        return esc(text.replace("%n", " ").strip()) + '\n';
    }

    /** Escapes text for troff: backslashes, hyphens (else they may become dashes), and a leading control character. */
    static String esc(String text) {
        String escaped = text.replace("\\", "\\e").replace("-", "\\-");
        return escaped.startsWith(".") || escaped.startsWith("'") ? "\\&" + escaped : escaped;
    }
}
