package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code skysync service install/uninstall} on a pretend Linux and a pretend macOS: the files are
 * real and read back, the service manager is a recorder (nothing is enabled on this machine).
 */
class ServiceCommandTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final List<String> LAUNCHER = List.of(JAVA, "-Xmx256m", "-cp", "/opt/skysync/client.jar",
            "io.skysync.client.Main");

    @TempDir
    Path temp;
    private Path folder;
    private final List<List<String>> ran = new ArrayList<>();
    private final Map<String, CommandRunner.Result> answers = new HashMap<>();

    private record Result(int code, String out, String err) {
    }

    @BeforeEach
    void skysyncFolder() throws IOException {
        folder = temp.resolve("home/My Notes 100% $HOME");
        Files.createDirectories(folder.resolve(".skysync"));
        Files.writeString(folder.resolve(".skysync/config.toml"), "vault = \"notes\"\n");
    }

    private Result run(String os, String... args) {
        Map<String, String> env = Map.of("HOME", temp.resolve("home").toString(),
                "XDG_CONFIG_HOME", temp.resolve("home/.config").toString(),
                "XDG_STATE_HOME", temp.resolve("home/.local/state").toString(),
                "SKYSYNC_TOKEN", "must-never-reach-a-unit-file");
        CommandRunner recorder = command -> {
            ran.add(command);
            return answers.getOrDefault(String.join(" ", command), new CommandRunner.Result(0, "501"));
        };
        Host host = new Host(os, recorder, new StopSignal(), 1, LAUNCHER);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false, host);
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path unitFile() throws IOException {
        try (var files = Files.list(temp.resolve("home/.config/systemd/user"))) {
            return files.filter(f -> f.toString().endsWith(".service")).findFirst().orElseThrow();
        }
    }

    @Test
    void install_onLinux_writesAUserUnitAndEnablesItThroughSystemctl() throws IOException {
        Result result = run("Linux", "service", "install", folder.toString());

        assertThat(result.code()).as(result.err()).isZero();
        Path unit = unitFile();
        String name = unit.getFileName().toString();
        assertThat(name).matches("skysync-my-notes-100-home-[0-9a-f]{8}\\.service");
        String text = Files.readString(unit);
        Path log = temp.resolve("home/.local/state/skysync").resolve(name.replace(".service", ".log"));
        assertThat(text).contains(
                "ExecStart=" + JAVA + " -Xmx256m -cp /opt/skysync/client.jar io.skysync.client.Main watch \""
                        + folder.toString().replace("%", "%%").replace("$", "$$") + "\" --log-file " + log + "\n",
                "Restart=on-failure\n", "RestartPreventExitStatus=2\n", "SuccessExitStatus=143\n",
                "WantedBy=default.target\n",
                "Environment=\"XDG_CONFIG_HOME=" + temp.resolve("home/.config") + "\"\n",
                "Environment=\"XDG_STATE_HOME=" + temp.resolve("home/.local/state") + "\"\n")
                .doesNotContain("must-never-reach-a-unit-file", "SKYSYNC_TOKEN");
        assertThat(ran).containsExactly(List.of("systemctl", "--user", "daemon-reload"),
                List.of("systemctl", "--user", "enable", name), List.of("systemctl", "--user", "restart", name));
        assertThat(result.out()).contains("journalctl --user -u " + name, log.toString());
        assertThat(log.getParent()).isDirectory();
    }

    @Test
    void install_onLinux_unitPassesSystemdAnalyzeVerify() throws Exception {
        assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed here: the unit's text is checked above only");
        run("Linux", "service", "install", folder.toString());

        Process verify = new ProcessBuilder("systemd-analyze", "verify", unitFile().toString()).redirectErrorStream(true).start();
        String output = new String(verify.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(verify.waitFor(60, TimeUnit.SECONDS)).isTrue();

        // verify exits 0 on lines it ignores, so any output is a finding.
        assertThat(verify.exitValue()).as(output).isZero();
        assertThat(output.strip()).isEmpty();
    }

    @Test
    void install_systemctlRefuses_keepsTheFileAndSaysHowToFinish() throws IOException {
        answers.put("systemctl --user daemon-reload", new CommandRunner.Result(1, "Failed to connect to bus: No medium found"));

        Result result = run("Linux", "service", "install", folder.toString());

        assertThat(result.code()).isEqualTo(ExitCode.PARTIAL);
        assertThat(result.err()).contains("Failed to connect to bus", "systemctl --user enable skysync-my-notes");
        assertThat(unitFile()).exists();
    }

    @Test
    void uninstall_onLinux_disablesAndRemovesTheUnit() throws IOException {
        run("Linux", "service", "install", folder.toString());
        Path unit = unitFile();
        ran.clear();

        Result result = run("Linux", "service", "uninstall", folder.toString());

        assertThat(result.code()).as(result.err()).isZero();
        assertThat(unit).doesNotExist();
        assertThat(ran).containsExactly(List.of("systemctl", "--user", "disable", "--now", unit.getFileName().toString()),
                List.of("systemctl", "--user", "daemon-reload"));
        assertThat(run("Linux", "service", "uninstall", folder.toString()).err()).contains("no skysync service for");
    }

    @Test
    void install_onMacOs_writesALaunchAgentAndBootstrapsIt() throws Exception {
        Result result = run("Mac OS X", "service", "install", folder.toString());

        assertThat(result.code()).as(result.err()).isZero();
        Path agents = temp.resolve("home/Library/LaunchAgents");
        Path plist;
        try (var files = Files.list(agents)) {
            plist = files.findFirst().orElseThrow();
        }
        String label = plist.getFileName().toString().replace(".plist", "");
        assertThat(label).matches("io\\.skysync\\.watch\\.my-notes-100-home-[0-9a-f]{8}");
        DocumentBuilderFactory parser = DocumentBuilderFactory.newInstance();
        // Never fetch Apple's DTD: the test reads the file, it does not go online.
        parser.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        Document xml = parser.newDocumentBuilder().parse(plist.toFile());
        Map<String, Element> keys = plistKeys(xml);
        assertThat(keys.get("Label").getTextContent()).isEqualTo(label);
        List<String> arguments = new ArrayList<>();
        NodeList strings = keys.get("ProgramArguments").getElementsByTagName("string");
        for (int i = 0; i < strings.getLength(); i++) {
            arguments.add(strings.item(i).getTextContent());
        }
        assertThat(arguments).startsWith(LAUNCHER.toArray(String[]::new)).contains("watch", folder.toString(), "--log-file");
        assertThat(keys.get("RunAtLoad").getTagName()).isEqualTo("true");
        assertThat(keys.get("KeepAlive").getTextContent()).contains("Crashed");
        assertThat(keys.get("StandardErrorPath").getTextContent())
                .startsWith(temp.resolve("home/.local/state/skysync").toString());
        assertThat(Files.readString(plist)).doesNotContain("must-never-reach-a-unit-file");
        assertThat(ran).containsExactly(List.of("id", "-u"), List.of("launchctl", "bootout", "gui/501/" + label),
                List.of("launchctl", "bootstrap", "gui/501", plist.toString()));

        ran.clear();
        assertThat(run("Mac OS X", "service", "uninstall", folder.toString()).code()).isZero();
        assertThat(plist).doesNotExist();
        assertThat(ran).containsExactly(List.of("id", "-u"), List.of("launchctl", "bootout", "gui/501/" + label));
    }

    @Test
    void install_notASkysyncFolder_isAUsageErrorAndWritesNothing() {
        Result result = run("Linux", "service", "install", temp.resolve("elsewhere").toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("is not a skysync folder");
        assertThat(temp.resolve("home/.config/systemd")).doesNotExist();
        assertThat(ran).isEmpty();
    }

    @Test
    void install_onWindows_saysWhatItSupports() {
        Result result = run("Windows 11", "service", "install", folder.toString());

        assertThat(result.code()).isEqualTo(ExitCode.USAGE);
        assertThat(result.err()).contains("systemd (Linux) and launchd (macOS)");
    }

    /** The value element that follows each top-level key of a plist's dict. */
    private static Map<String, Element> plistKeys(Document xml) {
        Map<String, Element> keys = new HashMap<>();
        Element dict = (Element) xml.getDocumentElement().getElementsByTagName("dict").item(0);
        NodeList children = dict.getChildNodes();
        String key = null;
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i) instanceof Element element) {
                if (element.getTagName().equals("key")) {
                    key = element.getTextContent();
                } else if (key != null) {
                    keys.put(key, element);
                    key = null;
                }
            }
        }
        return keys;
    }

    private static boolean onPath(String program) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (Files.isExecutable(Path.of(dir, program))) {
                return true;
            }
        }
        return false;
    }
}
