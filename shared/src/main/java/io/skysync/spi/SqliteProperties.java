package io.skysync.spi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * DynamoDB Local looks for its own SQLite library (sqlite4java) where xerial's
 * {@code org.sqlite.lib.path} and {@code org.sqlite.lib.name} point, and the client sets those for
 * its index (a native library cached in the user's cache). A backend the launchers start from its
 * jar in the client's process ({@code skysync serve}) therefore starts with them unset, and they
 * are put back once it runs.
 */
final class SqliteProperties {
    static final List<String> NAMES = List.of("org.sqlite.lib.path", "org.sqlite.lib.name");

    private SqliteProperties() {
    }

    static <T> T whileHidden(Supplier<T> start) {
        synchronized (SqliteProperties.class) {
            Map<String, String> saved = new LinkedHashMap<>();
            NAMES.forEach(name -> {
                String value = System.getProperty(name);
                if (value != null) {
                    saved.put(name, value);
                    System.clearProperty(name);
                }
            });
            try {
                return start.get();
            } finally {
                saved.forEach(System::setProperty);
            }
        }
    }
}
