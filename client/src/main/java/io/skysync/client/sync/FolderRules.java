package io.skysync.client.sync;

import io.skysync.client.index.RemoteFile;
import io.skysync.client.scan.LocalFile;
import io.skysync.domain.VaultPath;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        TreeMap<VaultPath, Step> byPath = new TreeMap<>();
        steps.forEach(s -> byPath.put(s.path(), s));
        List<Step> out = new ArrayList<>(steps.size());
        for (Step step : steps) {
            if (step instanceof Step.RemoveLocal removal && isFolder(removal.expectedLocal())
                    && holdsSomething(step.path(), byPath, local)) {
                out.add(keep(removal, options));
            } else if (step instanceof Step.Commit commit && commit.deletion() && commit.remote().folder()
                    && holdsSomething(step.path(), byPath, local)) {
                continue;
            } else {
                out.add(step);
            }
        }
        return List.copyOf(out);
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
    static boolean holdsSomething(VaultPath folder, Map<VaultPath, Step> steps, Map<VaultPath, LocalFile> local) {
        String prefix = folder.value() + "/";
        for (VaultPath path : local.keySet()) {
            if (path.value().startsWith(prefix) && !(steps.get(path) instanceof Step.RemoveLocal)
                    && !(steps.get(path) instanceof Step.Commit c && c.deletion())) {
                return true;
            }
        }
        for (Map.Entry<VaultPath, Step> e : steps.entrySet()) {
            if (e.getKey().value().startsWith(prefix) && e.getValue() instanceof Step.Fetch) {
                return true;
            }
        }
        return false;
    }
}
