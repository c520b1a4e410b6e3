package io.skysync.client.cli;

import io.skysync.client.index.IndexRow;
import io.skysync.domain.VaultPath;
import io.skysync.reconcile.ConflictCopyName;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
        Set<VaultPath> known = new HashSet<>();
        rows.forEach(r -> known.add(r.path()));
        List<Copy> out = new ArrayList<>();
        for (IndexRow row : rows) {
            if (row.localHash() != null && ConflictCopyName.isConflictCopy(row.path())) {
                parse(row.path()).flatMap(c -> unshortened(c, known)).ifPresent(out::add);
            }
        }
        out.sort((a, b) -> a.copy().compareTo(b.copy()));
        return out;
    }

    /**
     * A copy whose name had to be shortened ({@code stem~.conflict-...}) names its original only in
     * part: it is the one known path of that folder that starts with the stem and has the same
     * extension; with none or several, the copy is left unpaired rather than paired with a guess.
     */
    private static Optional<Copy> unshortened(Copy copy, Set<VaultPath> known) {
        String name = copy.original().fileName();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name;
        if (!stem.endsWith("~")) {
            return Optional.of(copy);
        }
        String prefix = stem.substring(0, stem.length() - 1);
        String ext = dot > 0 ? name.substring(dot) : "";
        List<VaultPath> candidates = known.stream().filter(p -> p.parent().equals(copy.copy().parent())
                && !ConflictCopyName.isConflictCopy(p) && p.fileName().startsWith(prefix) && p.fileName().endsWith(ext)
                && p.fileName().length() > prefix.length() + ext.length()).toList();
        return candidates.size() == 1
                ? Optional.of(new Copy(copy.copy(), candidates.get(0), copy.device(), copy.stamp())) : Optional.empty();
    }

    static Optional<Copy> parse(VaultPath copy) {
        Matcher m = TAG.matcher(copy.fileName());
        Copy found = null;
        while (m.find()) {
            String name = copy.fileName().substring(0, m.start()) + copy.fileName().substring(m.end());
            found = new Copy(copy, copy.withFileName(name), m.group(1), m.group(2));
        }
        return Optional.ofNullable(found);
    }
}
