package io.skysync.client.sync;

import io.skysync.client.progress.Progress;
import io.skysync.client.scan.IgnoreRules;
import io.skysync.client.scan.ScanResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;

/** Clean-up of what earlier versions left in the root. */
final class Housekeeping {
    /** Exactly the temp names earlier versions wrote beside their targets; a user's file of another name is left alone. */
    private static final Pattern LEGACY_TEMP = Pattern.compile(Pattern.quote(IgnoreRules.TEMP_PREFIX) + "[0-9a-f]{12}-\\d+");

    private Housekeeping() {
    }

    static void removeLegacyTemps(ScanResult scan, Path root, Progress progress) {
        for (Path temp : scan.staleTemps()) {
            if (!LEGACY_TEMP.matcher(temp.getFileName().toString()).matches()) {
                continue;
            }
            try {
                Files.deleteIfExists(temp);
            } catch (IOException e) {
                progress.warn("cannot remove the stale temp file " + root.relativize(temp) + ": " + Reasons.of(e));
            }
        }
    }
}
