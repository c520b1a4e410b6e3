package io.skysync.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A backend started in the client's process never sees the client's SQLite library properties. */
class SqlitePropertiesTest {
    private final Map<String, String> seenAtStart = new HashMap<>();

    @AfterEach
    void clear() {
        SqliteProperties.NAMES.forEach(System::clearProperty);
    }

    private LocalBackend.Provider recording(RuntimeException failure) {
        return new LocalBackend.Provider() {
            @Override
            public String flavour() {
                return "test";
            }

            @Override
            public LocalBackend start(Path dataDir, int port) {
                SqliteProperties.NAMES.forEach(name -> seenAtStart.put(name, System.getProperty(name)));
                if (failure != null) {
                    throw failure;
                }
                return null;
            }
        };
    }

    @Test
    void start_runsWithoutThem_andPutsThemBack() {
        System.setProperty("org.sqlite.lib.path", "/cache/sqlite");
        System.setProperty("org.sqlite.lib.name", "libsqlitejdbc.so");

        SqliteProperties.whileHidden(() -> recording(null).start(Path.of("data"), 0));

        assertThat(seenAtStart).containsEntry("org.sqlite.lib.path", null).containsEntry("org.sqlite.lib.name", null);
        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/cache/sqlite");
        assertThat(System.getProperty("org.sqlite.lib.name")).isEqualTo("libsqlitejdbc.so");
    }

    @Test
    void start_thatFails_stillPutsThemBack_andLeavesUnsetOnesUnset() {
        System.setProperty("org.sqlite.lib.path", "/cache/sqlite");

        assertThatThrownBy(() -> SqliteProperties.whileHidden(
                () -> recording(new IllegalStateException("port taken")).start(Path.of("data"), 0))).hasMessage("port taken");

        assertThat(System.getProperty("org.sqlite.lib.path")).isEqualTo("/cache/sqlite");
        assertThat(System.getProperty("org.sqlite.lib.name")).isNull();
    }
}
