package io.skysync.emulators;

import com.almworks.sqlite4java.SQLiteConnection;
import com.almworks.sqlite4java.SQLiteException;
import com.almworks.sqlite4java.SQLiteStatement;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Puts a SQLite database into write-ahead-log mode through a connection of its own, with the
 * SQLite library DynamoDB Local loaded (sqlite4java, already initialised by DynamoDB Local's first
 * request in this JVM). See {@link DynamoDbLocalEmulator} for why.
 */
final class WriteAheadLog {
    private WriteAheadLog() {
    }

    /** @return the journal mode the database is in afterwards: {@code wal}, or the old mode if SQLite refused */
    static String enable(Path database) {
        SQLiteConnection connection = new SQLiteConnection(database.toFile());
        try {
            connection.open(false);
            SQLiteStatement statement = connection.prepare("PRAGMA journal_mode=WAL");
            try {
                statement.step();
                return statement.columnString(0).toLowerCase(Locale.ROOT);
            } finally {
                statement.dispose();
            }
        } catch (SQLiteException e) {
            throw new IllegalStateException("could not set the journal mode of " + database + ": " + e.getMessage(), e);
        } finally {
            connection.dispose();
        }
    }
}
