package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The folder rules of a plan, weighed on the steps the three-way rule gave every path (pure):
 * a folder is never deleted, on either side, while something stays in it. A folder deleted
 * remotely that still holds a local file this run keeps, or receives one, is written again (the
 * file and the folder are both kept, as a deletion racing an add inside should end); a folder
 * deleted here while the remote adds something inside it is not deleted remotely (the download
 * puts it back). Whether a folder with nothing synced in it holds anything else (an ignored file,
 * a file the scan could not read) is the applier's to find: it removes only an empty folder.
 */
final class FolderRules {
    private FolderRules() {
    }

    /** {@code steps} (sorted by path) with the folder deletions that would take something with them changed. */
    static List<Step> apply(List<Step> steps, Map<VaultPath, LocalFile> local, SyncOptions options) {
        if (steps.stream().noneMatch(FolderRules::deletesFolder)) {
            // Nothing to weigh (a no-op among others): the sorted copies of every path below are not made.
            return List.copyOf(steps);
        }
        // By path text, so a folder's content is one range: from "d/" up to "d0" ('0' follows '/').
        TreeMap<String, Step> byPath = new TreeMap<>();
        steps.forEach(s -> byPath.put(s.path().value(), s));
        TreeSet<String> here = new TreeSet<>();
        local.keySet().forEach(p -> here.add(p.value()));
        List<Step> out = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step instanceof Step.RemoveLocal removal && isFolder(removal.expectedLocal())
                    && holdsSomething(step.path(), byPath, here)) {
                out.add(keep(removal, options));
            } else if (step instanceof Step.Commit commit && commit.deletion() && commit.remote().folder()
                    && holdsSomething(step.path(), byPath, here)) {
                continue;
            } else {
                out.add(step);
            }
        }
        return List.copyOf(out);
    }

    private static boolean deletesFolder(Step step) {
        return (step instanceof Step.RemoveLocal removal && isFolder(removal.expectedLocal()))
                || (step instanceof Step.Commit commit && commit.deletion() && commit.remote().folder());
    }

    private static boolean isFolder(LocalFile file) {
        return file != null && file.folder();
    }

    /** The folder written again over the remote tombstone, where the run may write. */
    private static Step keep(Step.RemoveLocal removal, SyncOptions options) {
        if (options.effectiveDirection() == Direction.PULL) {
            String why = "deleted remotely but still holds files here; kept";
            return new Step.Hold(removal.path(), why, options.readOnly() ? Step.Hold.Why.READ_ONLY
                    : Step.Hold.Why.OTHER_DIRECTION);
        }
        RemoteFile tombstone = removal.remote();
        return new Step.Commit(removal.path(), tombstone.version(), removal.expectedLocal(), tombstone);
    }

    /**
     * True if something under {@code folder} is here after this run: a local file or folder whose step
     * is not its removal, or a download into it.
     */
    private static boolean holdsSomething(VaultPath folder, TreeMap<String, Step> steps, TreeSet<String> here) {
        String from = folder.value() + "/";
        String to = folder.value() + "0";
        for (String path : here.subSet(from, to)) {
            if (!(steps.get(path) instanceof Step.RemoveLocal)) {
                return true;
            }
        }
        return steps.subMap(from, to).values().stream().anyMatch(s -> s instanceof Step.Fetch);
    }
}
