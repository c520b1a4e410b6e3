package io.skysync.client.cli;

import java.util.stream.Collectors;

/**
 * The text of a watcher service: a systemd user unit (Linux) or a launchd agent (macOS), from a
 * {@link ServiceSpec}. Pure: the tests read these strings (and {@code systemd-analyze verify} the
 * unit where it is installed).
 */
final class ServiceFiles {
    private ServiceFiles() {
    }

    static String systemdUnit(ServiceSpec spec) {
        StringBuilder unit = new StringBuilder();
        unit.append("# Written by 'skysync service install'; 'skysync service uninstall ")
                .append(comment(spec.root().toString())).append("' removes it.\n");
        unit.append("[Unit]\n");
        unit.append("Description=skysync: keep ").append(specifiers(comment(spec.root().toString()))).append(" in sync\n");
        unit.append("\n[Service]\n");
        unit.append("Type=simple\n");
        unit.append("ExecStart=").append(spec.command().stream().map(ServiceFiles::execArgument)
                .collect(Collectors.joining(" "))).append('\n');
        spec.env().forEach((name, value) -> unit.append("Environment=").append(quoted(specifiers(name + "=" + value)))
                .append('\n'));
        unit.append("Restart=on-failure\n");
        unit.append("RestartSec=30\n");
        unit.append("# Exit 2: a revoked device, a vanished folder, a broken config; restarting cannot help (see the log).\n");
        unit.append("RestartPreventExitStatus=2\n");
        unit.append("# SIGTERM: the JVM finishes the sync in progress, then exits with 143.\n");
        unit.append("SuccessExitStatus=143\n");
        unit.append("TimeoutStopSec=40\n");
        unit.append("Nice=10\n");
        unit.append("\n[Install]\n");
        unit.append("WantedBy=default.target\n");
        return unit.toString();
    }

    static String launchdPlist(ServiceSpec spec, String label) {
        StringBuilder plist = new StringBuilder();
        plist.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        plist.append("<!DOCTYPE plist PUBLIC \"-//Apple//DTD PLIST 1.0//EN\" \"http://www.apple.com/DTDs/PropertyList-1.0.dtd\">\n");
        plist.append("<!-- Written by 'skysync service install'; 'skysync service uninstall' removes it. -->\n");
        plist.append("<plist version=\"1.0\">\n<dict>\n");
        key(plist, "Label").append("  <string>").append(xml(label)).append("</string>\n");
        key(plist, "ProgramArguments").append("  <array>\n");
        for (String argument : spec.command()) {
            plist.append("    <string>").append(xml(argument)).append("</string>\n");
        }
        plist.append("  </array>\n");
        if (!spec.env().isEmpty()) {
            key(plist, "EnvironmentVariables").append("  <dict>\n");
            spec.env().forEach((name, value) -> plist.append("    <key>").append(xml(name)).append("</key><string>")
                    .append(xml(value)).append("</string>\n"));
            plist.append("  </dict>\n");
        }
        key(plist, "RunAtLoad").append("  <true/>\n");
        // Restarted after a crash only: an exit of its own (a revoked device, a vanished folder) needs a person.
        key(plist, "KeepAlive").append("  <dict>\n    <key>Crashed</key><true/>\n  </dict>\n");
        key(plist, "ThrottleInterval").append("  <integer>30</integer>\n");
        key(plist, "ExitTimeOut").append("  <integer>40</integer>\n");
        key(plist, "ProcessType").append("  <string>Background</string>\n");
        // The log file (with rotation) is written by the watcher itself; this catches what comes before it opens.
        key(plist, "StandardOutPath").append("  <string>/dev/null</string>\n");
        key(plist, "StandardErrorPath").append("  <string>").append(xml(spec.errorFile().toString())).append("</string>\n");
        plist.append("</dict>\n</plist>\n");
        return plist.toString();
    }

    /** One ExecStart argument: specifiers and variables kept literal, quoted when it holds a space or a quote. */
    static String execArgument(String argument) {
        String literal = specifiers(argument).replace("$", "$$");
        boolean plain = !literal.isEmpty() && literal.chars().noneMatch(c -> Character.isWhitespace(c)
                || c == '"' || c == '\'' || c == '\\' || c == ';');
        return plain ? literal : quoted(literal);
    }

    /** Double quotes, with C-style escapes for backslash and quote (systemd.syntax(7)). */
    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String specifiers(String text) {
        return text.replace("%", "%%");
    }

    private static String comment(String text) {
        return text.replace('\n', ' ');
    }

    private static StringBuilder key(StringBuilder plist, String name) {
        return plist.append("  <key>").append(name).append("</key>\n");
    }

    private static String xml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&apos;");
    }
}
