package io.skysync.client.cli;

import io.skysync.client.index.IndexRow;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictCopyName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Finds conflict copies ({@code name.conflict-<device>-<yyyyMMdd-HHmmss>.ext}) and the file each belongs to. */
final class ConflictCopies {
    private static final Pattern TAG = Pattern.compile("\\.conflict-([A-Za-z0-9_-]+)-(\\d{8}-\\d{6})");

    private ConflictCopies() {
    }

    record Copy(VaultPath copy, VaultPath original, String device, String stamp) {
    }

    static List<Copy> in(Collection<IndexRow> rows) {
        List<Copy> out = new ArrayList<>();
        for (IndexRow row : rows) {
            if (row.localHash() != null && ConflictCopyName.isConflictCopy(row.path())) {
                parse(row.path()).ifPresent(out::add);
            }
        }
        out.sort((a, b) -> a.copy().compareTo(b.copy()));
        return out;
    }

    static java.util.Optional<Copy> parse(VaultPath copy) {
        Matcher m = TAG.matcher(copy.fileName());
        Copy found = null;
        while (m.find()) {
            String name = copy.fileName().substring(0, m.start()) + copy.fileName().substring(m.end());
            found = new Copy(copy, copy.withFileName(name), m.group(1), m.group(2));
        }
        return java.util.Optional.ofNullable(found);
    }
}
