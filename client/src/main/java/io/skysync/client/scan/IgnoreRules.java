package io.skysync.client.scan;

import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What is not synced: skysync's own state folder ({@code .skysync} at any depth: a nested root's
 * config names an endpoint its token goes to) and temp files, always; and the patterns of the root's
 * {@code .skysyncignore}, in gitignore syntax ({@code *}, {@code **}, {@code ?}, {@code [..]},
 * leading {@code /} anchors, trailing {@code /} matches folders only, {@code !} re-includes, the
 * last matching line wins). As in git, nothing under an ignored folder can be re-included.
 *
 * <p>The file syncs to every device, so it is read defensively: patterns match in linear time
 * ({@link Glob}), and a line that cannot mean anything (a backwards range, a lone trailing
 * {@code \}, invalid UTF-8) is skipped with a warning that names the file and the line.
 */
public final class IgnoreRules {
    public static final String FILE_NAME = ".skysyncignore";
    public static final String TEMP_PREFIX = ".skysync-tmp-";
    /** More than any sane ignore file; the rest of a bigger one is not read. */
    static final int MAX_BYTES = 1024 * 1024;
    private static final String STATE_DIR = ".skysync";

    /** A pattern without a slash (but a trailing one) matches a name at any depth: only the last name is matched. */
    private record Rule(Glob glob, boolean negated, boolean dirOnly, boolean anchored) {
    }

    /** In the state folder: the rules of earlier {@value #FILE_NAME}s that another device's version replaced. */
    public static final String KEPT = "ignore-kept";

    private final List<Rule> rules;
    private final List<Rule> kept;
    private final List<String> warnings;

    private IgnoreRules(List<Rule> rules, List<String> warnings) {
        this(rules, List.of(), warnings);
    }

    private IgnoreRules(List<Rule> rules, List<Rule> kept, List<String> warnings) {
        this.rules = List.copyOf(rules);
        this.kept = List.copyOf(kept);
        this.warnings = List.copyOf(warnings);
    }

    public static IgnoreRules none() {
        return new IgnoreRules(List.of(), List.of());
    }

    /**
     * The root's {@code .skysyncignore}, or no rules if there is none, and the rules it had before
     * another device's version replaced it ({@link #keep}): a path either ignores stays ignored, so
     * a device of the vault cannot make this one upload what its user chose to keep here. Never
     * fails on the files' content.
     */
    public static IgnoreRules load(Path root) throws IOException {
        IgnoreRules own = read(root.resolve(FILE_NAME));
        Path keptFile = root.resolve(STATE_DIR).resolve(KEPT);
        if (!Files.isRegularFile(keptFile)) {
            return own;
        }
        IgnoreRules earlier = read(keptFile);
        List<String> warnings = new ArrayList<>(own.warnings);
        warnings.addAll(earlier.warnings);
        warnings.add("another device changed " + FILE_NAME + "; this folder also keeps ignoring what its earlier"
                + " versions ignored (" + keptFile + "): delete that file to accept the new rules");
        return new IgnoreRules(own.rules, earlier.rules, warnings);
    }

    /**
     * Before another device's version replaces or removes the root's {@code .skysyncignore}: its
     * rules are added to {@link #KEPT} in the state folder, which only ever ignores more.
     */
    public static void keep(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        byte[] rules;
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            rules = in.readNBytes(MAX_BYTES);
        }
        Path kept = root.resolve(STATE_DIR).resolve(KEPT);
        Files.write(kept, (new String(rules, StandardCharsets.UTF_8) + "\n").getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.CREATE, StandardOpenOption.APPEND, LinkOption.NOFOLLOW_LINKS);
    }

    private static IgnoreRules read(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return none();
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        }
        List<String> warnings = new ArrayList<>();
        if (bytes.length > MAX_BYTES) {
            bytes = Arrays.copyOf(bytes, MAX_BYTES);
            warnings.add(file + ": only its first " + MAX_BYTES + " bytes are read");
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= bytes.length; i++) {
            if (i == bytes.length || bytes[i] == '\n') {
                if (i > start || i < bytes.length) {
                    lines.add(decode(bytes, start, i));
                }
                start = i + 1;
            }
        }
        return parse(file.toString(), lines, warnings);
    }

    /** Rules from lines, as if read from a file named {@value #FILE_NAME}. */
    public static IgnoreRules parse(List<String> lines) {
        return parse(FILE_NAME, lines, new ArrayList<>());
    }

    /** A line that is not valid UTF-8 is null. */
    private static String decode(byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, from, to - from)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static IgnoreRules parse(String source, List<String> lines, List<String> warnings) {
        List<Rule> rules = new ArrayList<>();
        for (int n = 0; n < lines.size(); n++) {
            String where = source + ":" + (n + 1) + ": ";
            if (lines.get(n) == null) {
                warnings.add(where + "not valid UTF-8; the line is skipped");
                continue;
            }
            String line = lines.get(n).stripTrailing();
            try {
                rule(line).ifPresent(rules::add);
            } catch (IllegalArgumentException e) {
                warnings.add(where + "'" + line + "': " + e.getMessage() + "; the line is skipped");
            }
        }
        return new IgnoreRules(rules, warnings);
    }

    private static Optional<Rule> rule(String text) {
        String line = text;
        if (line.isEmpty() || line.startsWith("#")) {
            return Optional.empty();
        }
        boolean negated = line.startsWith("!");
        if (negated) {
            line = line.substring(1);
        } else if (line.startsWith("\\#") || line.startsWith("\\!")) {
            line = line.substring(1);
        }
        boolean dirOnly = line.endsWith("/") && !line.endsWith("\\/");
        if (dirOnly) {
            line = line.substring(0, line.length() - 1);
        }
        boolean anchored = line.contains("/");
        if (line.startsWith("/")) {
            line = line.substring(1);
        }
        if (line.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Rule(Glob.compile(line), negated, dirOnly, anchored));
    }

    /** What was wrong with the file, one sentence per skipped line, for the sync report. */
    public List<String> warnings() {
        return warnings;
    }

    /**
     * True for skysync's own files, which are never synced whatever the rules say: a {@code .skysync}
     * folder at any depth (compared as a case-insensitive disk or Windows would: any case, trailing
     * dots and spaces dropped) and temp files.
     */
    public static boolean isInternal(String relativePath) {
        // Both kinds of name start with a dot: a path with no name that does is decided at once.
        if (relativePath.isEmpty() || (relativePath.charAt(0) != '.' && relativePath.indexOf("/.") < 0)) {
            return false;
        }
        int from = 0;
        while (from <= relativePath.length()) {
            int slash = relativePath.indexOf('/', from);
            int end = slash < 0 ? relativePath.length() : slash;
            if (isStateDirName(relativePath.substring(from, end))) {
                return true;
            }
            if (slash < 0) {
                break;
            }
            from = slash + 1;
        }
        return fileName(relativePath).startsWith(TEMP_PREFIX);
    }

    private static boolean isStateDirName(String name) {
        if (name.length() < STATE_DIR.length() || name.charAt(0) != '.') {
            return false;
        }
        int end = name.length();
        while (end > 1 && (name.charAt(end - 1) == '.' || name.charAt(end - 1) == ' ')) {
            end--;
        }
        return name.substring(0, end).toUpperCase(Locale.ROOT).toLowerCase(Locale.ROOT).equals(STATE_DIR);
    }

    /** Whether a file (or folder) at this {@code /}-separated relative path is left out, its parents included. */
    public boolean ignored(String relativePath, boolean isDirectory) {
        if (isInternal(relativePath)) {
            return true;
        }
        if (rules.isEmpty() && kept.isEmpty()) {
            return false;
        }
        int from = 0;
        while (true) {
            int slash = relativePath.indexOf('/', from);
            if (slash < 0) {
                break;
            }
            if (matches(relativePath.substring(0, slash), true)) {
                return true;
            }
            from = slash + 1;
        }
        return matches(relativePath, isDirectory);
    }

    public boolean ignored(VaultPath path) {
        return ignored(path.value(), false);
    }

    private boolean matches(String path, boolean isDirectory) {
        return matches(rules, path, isDirectory) || matches(kept, path, isDirectory);
    }

    private static boolean matches(List<Rule> rules, String path, boolean isDirectory) {
        String name = fileName(path);
        boolean ignored = false;
        for (Rule rule : rules) {
            if ((!rule.dirOnly || isDirectory) && rule.negated == ignored
                    && rule.glob.matches(rule.anchored ? path : name)) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }
}
