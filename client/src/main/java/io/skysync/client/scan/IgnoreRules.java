package io.skysync.client.scan;

import io.skysync.domain.VaultPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What is not synced: skysync's own state folder and temp files, always; and the patterns of the
 * root's {@code .skysyncignore}, in gitignore syntax ({@code *}, {@code **}, {@code ?},
 * {@code [..]}, leading {@code /} anchors, trailing {@code /} matches folders only, {@code !}
 * re-includes, the last matching line wins). As in git, nothing under an ignored folder can be
 * re-included.
 */
public final class IgnoreRules {
    public static final String FILE_NAME = ".skysyncignore";
    public static final String TEMP_PREFIX = ".skysync-tmp-";
    private static final String STATE_DIR = ".skysync";

    private record Rule(Pattern pattern, boolean negated, boolean dirOnly) {
    }

    private final List<Rule> rules;

    private IgnoreRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    public static IgnoreRules none() {
        return new IgnoreRules(List.of());
    }

    public static IgnoreRules load(Path root) throws IOException {
        Path file = root.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return none();
        }
        return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
    }

    public static IgnoreRules parse(List<String> lines) {
        List<Rule> rules = new ArrayList<>();
        for (String raw : lines) {
            String line = raw.stripTrailing();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            boolean negated = line.startsWith("!");
            if (negated) {
                line = line.substring(1);
            } else if (line.startsWith("\\#") || line.startsWith("\\!")) {
                line = line.substring(1);
            }
            boolean dirOnly = line.endsWith("/");
            if (dirOnly) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            if (line.isEmpty()) {
                continue;
            }
            String regex = (anchored ? "" : "(?:.*/)?") + globToRegex(line);
            rules.add(new Rule(Pattern.compile(regex), negated, dirOnly));
        }
        return new IgnoreRules(rules);
    }

    /** True for skysync's own files, which are never synced whatever the rules say. */
    public static boolean isInternal(String relativePath) {
        return relativePath.equals(STATE_DIR) || relativePath.startsWith(STATE_DIR + "/")
                || fileName(relativePath).startsWith(TEMP_PREFIX);
    }

    /** Whether a file (or folder) at this {@code /}-separated relative path is left out, its parents included. */
    public boolean ignored(String relativePath, boolean isDirectory) {
        if (isInternal(relativePath)) {
            return true;
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
        boolean ignored = false;
        for (Rule rule : rules) {
            if ((!rule.dirOnly || isDirectory) && rule.pattern.matcher(path).matches()) {
                ignored = !rule.negated;
            }
        }
        return ignored;
    }

    private static String fileName(String path) {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    static String globToRegex(String glob) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < glob.length()) {
            char c = glob.charAt(i);
            if (c == '*') {
                boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                if (doubleStar) {
                    boolean atStart = i == 0 || glob.charAt(i - 1) == '/';
                    boolean slashAfter = i + 2 < glob.length() && glob.charAt(i + 2) == '/';
                    if (atStart && slashAfter) {
                        out.append("(?:.*/)?");
                        i += 3;
                    } else if (atStart && i + 2 == glob.length()) {
                        out.append(".*");
                        i += 2;
                    } else {
                        out.append("[^/]*");
                        i += 2;
                    }
                } else {
                    out.append("[^/]*");
                    i++;
                }
            } else if (c == '?') {
                out.append("[^/]");
                i++;
            } else if (c == '[') {
                int close = glob.indexOf(']', i + 2);
                if (close < 0) {
                    out.append("\\[");
                    i++;
                } else {
                    String body = glob.substring(i + 1, close);
                    if (body.startsWith("!")) {
                        body = "^" + body.substring(1);
                    }
                    out.append('[').append(body.replace("\\", "\\\\")).append(']');
                    i = close + 1;
                }
            } else if (c == '\\' && i + 1 < glob.length()) {
                out.append(Pattern.quote(String.valueOf(glob.charAt(i + 1))));
                i += 2;
            } else {
                out.append(Pattern.quote(String.valueOf(c)));
                i++;
            }
        }
        return out.toString();
    }
}
