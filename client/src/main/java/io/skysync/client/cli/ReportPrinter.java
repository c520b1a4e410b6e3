package io.skysync.client.cli;

import io.skysync.api.ApiJson;
import io.skysync.client.sync.Step;
import io.skysync.client.sync.SyncReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Prints a run's summary: a few lines for people, or one JSON object with {@code --json}. */
final class ReportPrinter {
    private ReportPrinter() {
    }

    static void print(CliContext cli, GlobalOptions global, SyncReport report) {
        print(cli, global, report, -1);
    }

    /** @param readOnlyKept for a read-only device's sync, how many local changes it kept back; else -1 */
    static void print(CliContext cli, GlobalOptions global, SyncReport report, long readOnlyKept) {
        print(cli, global, report, readOnlyKept, Map.of());
    }

    /**
     * @param done what the command did before its sync (join, restore, resolve), as the leading keys
     *             of the JSON object; people were told already
     */
    static void print(CliContext cli, GlobalOptions global, SyncReport report, long readOnlyKept,
                      Map<String, Object> done) {
        if (global.json) {
            Map<String, Object> json = new LinkedHashMap<>(done);
            json.putAll(report.toJson());
            if (readOnlyKept >= 0) {
                json.put("readOnly", true);
                json.put("notUploaded", readOnlyKept);
            }
            if (report.dryRun()) {
                json.put("planned", planned(report.planned()));
            }
            cli.out.println(new String(ApiJson.write(json), StandardCharsets.UTF_8));
            return;
        }
        for (SyncReport.Failure f : report.failures()) {
            cli.err.println("failed: " + f.path() + ": " + f.reason());
        }
        if (global.quiet) {
            return;
        }
        if (report.dryRun()) {
            List<String> lines = describe(report.planned());
            lines.forEach(cli.out::println);
            cli.out.println(lines.isEmpty() ? "dry run: nothing to do" : "dry run: nothing was changed");
            return;
        }
        for (SyncReport.Conflict c : report.conflicts()) {
            cli.out.println("conflict: " + c.path() + ": " + c.outcome());
        }
        if (report.indexRebuilt()) {
            cli.out.println("the local index was rebuilt from a rescan");
        }
        if (report.nothingDone()) {
            cli.out.println("up to date: nothing to send or receive");
        } else {
            cli.out.println(String.format("sent %d file(s) (%d new blob(s), %s), received %d file(s) (%s), deleted %d here"
                            + " and %d remotely%s",
                    report.uploaded().size(), report.blobsUploaded(), bytes(report.bytesUploaded()), report.downloaded().size(),
                    bytes(report.bytesDownloaded()), report.deletedLocal().size(), report.deletedRemote().size(),
                    report.waiting().isEmpty() || readOnlyKept >= 0 ? ""
                            : "; " + report.waiting().size() + " change(s) wait for the other direction"));
        }
        if (readOnlyKept > 0) {
            cli.out.println("this device is read-only: " + readOnlyKept + " local change"
                    + (readOnlyKept == 1 ? " was" : "s were") + " not uploaded");
        }
        if (!report.failures().isEmpty()) {
            cli.out.println(report.failures().size() + " file(s) failed (listed above); run 'skysync sync' again to retry");
        }
    }

    static List<String> describe(List<Step> steps) {
        List<String> lines = new ArrayList<>();
        for (Step step : steps) {
            String line;
            if (step instanceof Step.Commit c) {
                line = c.deletion() ? "delete remotely: " : c.base().isNone() ? "send new:        " : "send change:     ";
            } else if (step instanceof Step.Fetch f) {
                line = f.expectedLocal() == null ? "fetch new:       " : "fetch change:    ";
            } else if (step instanceof Step.Touch) {
                line = "fetch time:      ";
            } else if (step instanceof Step.RemoveLocal) {
                line = "delete here:     ";
            } else if (step instanceof Step.KeepBoth) {
                line = "conflict (keep both): ";
            } else if (step instanceof Step.Hold h) {
                line = (h.conflict() ? "conflict: " : "waiting: ") + h.reason() + ": ";
            } else if (step instanceof Step.Fail f) {
                line = "cannot sync: " + f.reason() + ": ";
            } else {
                continue;
            }
            lines.add("  " + line + step.path());
        }
        return lines;
    }

    static List<Map<String, Object>> planned(List<Step> steps) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Step step : steps) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("path", step.path().value());
            item.put("action", action(step));
            if (step instanceof Step.Hold h) {
                item.put("reason", h.reason());
            } else if (step instanceof Step.Fail f) {
                item.put("reason", f.reason());
            }
            out.add(item);
        }
        return out;
    }

    static String action(Step step) {
        if (step instanceof Step.Commit c) {
            return c.deletion() ? "delete-remote" : "upload";
        }
        if (step instanceof Step.Fetch) {
            return "download";
        }
        if (step instanceof Step.Touch) {
            return "set-time";
        }
        if (step instanceof Step.RemoveLocal) {
            return "delete-local";
        }
        if (step instanceof Step.KeepBoth) {
            return "conflict";
        }
        if (step instanceof Step.Hold h) {
            return h.conflict() ? "conflict" : "waiting";
        }
        if (step instanceof Step.Fail) {
            return "failed";
        }
        return "adopt";
    }

    static String bytes(long n) {
        if (n < 1024) {
            return n + " B";
        }
        if (n < 1024 * 1024) {
            return String.format("%.1f KiB", n / 1024.0);
        }
        return String.format("%.1f MiB", n / (1024.0 * 1024));
    }
}
