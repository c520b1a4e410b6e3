package io.skysync.client.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a watcher service runs, whatever the service manager: its name (from the folder's name and
 * a hash of its path, so two folders called {@code notes} get two services), the command line,
 * the environment it needs to find the same tokens and data as the user's shell, and its log files.
 *
 * @param command   the launcher followed by {@code watch DIR --log-file LOG}
 * @param env       the variables skysync reads that were set at install time (never a token or secret)
 * @param errorFile where a service manager without a journal puts what the JVM prints before the log opens
 */
record ServiceSpec(String name, Path root, List<String> command, Map<String, String> env, Path logFile, Path errorFile) {
    /** Read by skysync to find its folders; copied into the service so it sees what the shell sees. */
    static final List<String> PASSED_ON = List.of("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "SKYSYNC_DATA_DIR");

    static ServiceSpec of(Path root, List<String> launcher, Map<String, String> env, Path stateDir) {
        String name = "skysync-" + slug(root) + "-" + pathHash(root);
        Path log = stateDir.resolve(name + ".log");
        List<String> command = new ArrayList<>(launcher);
        command.addAll(List.of("watch", root.toString(), "--log-file", log.toString()));
        Map<String, String> passed = new TreeMap<>();
        for (String variable : PASSED_ON) {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                passed.put(variable, value);
            }
        }
        return new ServiceSpec(name, root, List.copyOf(command), Collections.unmodifiableMap(passed), log,
                stateDir.resolve(name + ".err"));
    }

    private static String slug(Path root) {
        String base = root.getFileName() == null ? "root" : root.getFileName().toString();
        String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        slug = slug.isEmpty() ? "folder" : slug;
        return slug.length() > 32 ? slug.substring(0, 32) : slug;
    }

    private static String pathHash(Path root) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(root.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
