package io.skysync.client.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * Where skysync keeps per-user state, following the XDG base directory spec: tokens under the
 * config dir, the local backend's data under the data dir. Built from an environment map so tests
 * point both at temp folders and never touch the real home.
 */
public final class UserDirs {
    private final Map<String, String> env;

    public UserDirs(Map<String, String> env) {
        this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
    }

    /** {@code $XDG_CONFIG_HOME/skysync}, else {@code ~/.config/skysync}. */
    public Path configDir() {
        return base("XDG_CONFIG_HOME", ".config").resolve("skysync");
    }

    /** The local backend's data folder: {@code SKYSYNC_DATA_DIR}, else {@code $XDG_DATA_HOME/skysync/local}. */
    public Path localDataDir() {
        String explicit = env.get("SKYSYNC_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit).toAbsolutePath().normalize();
        }
        return base("XDG_DATA_HOME", ".local/share").resolve("skysync").resolve("local");
    }

    /** {@code $XDG_CACHE_HOME/skysync}, else {@code ~/.cache/skysync}: what can be made again (class data, native libraries). */
    public Path cacheDir() {
        return base("XDG_CACHE_HOME", ".cache").resolve("skysync");
    }

    /** {@code $XDG_STATE_HOME/skysync}, else {@code ~/.local/state/skysync}: logs of the watcher services. */
    public Path stateDir() {
        return base("XDG_STATE_HOME", ".local/state").resolve("skysync");
    }

    /** {@code $HOME}, else the JVM's idea of it. */
    public Path home() {
        return Path.of(env.getOrDefault("HOME", System.getProperty("user.home")));
    }

    public String get(String name) {
        return env.get(name);
    }

    private Path base(String variable, String fallbackUnderHome) {
        String value = env.get(variable);
        if (value != null && !value.isBlank() && Path.of(value).isAbsolute()) {
            return Path.of(value);
        }
        String home = env.getOrDefault("HOME", System.getProperty("user.home"));
        return Path.of(home).resolve(fallbackUnderHome);
    }
}
