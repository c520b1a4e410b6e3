package io.skysync.client.sync;

import io.skysync.api.EntryDto;
import io.skysync.domain.ManifestEntry;
import io.skysync.error.SkysyncException;
import java.util.List;

/** Entries the server sent, checked as the server checks them: a bad path or hash is refused and said. */
final class Entries {
    private Entries() {
    }

    /** The entry, or null (and a line in {@code refused}) if it breaks the rules of an entry. */
    static ManifestEntry parse(EntryDto dto, List<String> refused) {
        if (dto == null) {
            refused.add("refused a null remote entry");
            return null;
        }
        try {
            return dto.toDomain();
        } catch (SkysyncException e) {
            refused.add("refused remote path " + printable(dto.path()) + ": " + e.getMessage());
            return null;
        }
    }

    static String printable(String path) {
        if (path == null) {
            return "(none)";
        }
        String clipped = path.length() > 80 ? path.substring(0, 80) + "..." : path;
        return "\"" + clipped.replaceAll("\\p{Cntrl}", "?") + "\"";
    }
}
