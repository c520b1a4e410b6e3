package io.skysync.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.skysync.api.ApiJson;
import io.skysync.client.testing.FakeBackend;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command's {@code --json} output against the table in docs/client.md: each command is run
 * for real (against the API in-process), prints one line of JSON, and its objects have exactly
 * the documented keys. A row nobody runs fails too, so the table cannot drift from the commands.
 */
class JsonShapesTest {
    private static final Path DOC = Path.of("..", "docs", "client.md");
    private static final Pattern KEY = Pattern.compile("`([A-Za-z]+\\??)`");
    private static final String SYNC_REPORT = "+ sync report";

    @TempDir
    Path temp;
    FakeBackend backend;
    private final Map<String, Map<String, Set<String>>> documented = new LinkedHashMap<>();
    private final Set<String> checked = new HashSet<>();

    /** One documented object: its required keys and the ones that may be absent. */
    private record Shape(Set<String> required, Set<String> optional) {
    }

    @BeforeEach
    void start() throws IOException {
        backend = FakeBackend.start();
        readTable();
    }

    @AfterEach
    void stop() {
        backend.close();
    }

    private void readTable() throws IOException {
        String doc = Files.readString(DOC);
        int begin = doc.indexOf("<!-- json-shapes:begin");
        int end = doc.indexOf("<!-- json-shapes:end -->");
        assertThat(begin).as("the json-shapes table in " + DOC).isPositive().isLessThan(end);
        Map<String, Set<String>> syncRow = null;
        for (String line : doc.substring(begin, end).lines().filter(l -> l.startsWith("| `")).toList()) {
            String[] cells = line.split("\\|");
            String where = cells[2].strip().replace("`", "");
            Set<String> keys = new TreeSet<>();
            Matcher m = KEY.matcher(cells[3]);
            while (m.find()) {
                keys.add(m.group(1));
            }
            if (cells[3].contains(SYNC_REPORT)) {
                keys.addAll(documented.get("sync").get("."));
            }
            for (String command : cells[1].replace("`", "").split(",")) {
                documented.computeIfAbsent(command.strip(), c -> new LinkedHashMap<>()).put(where, keys);
            }
        }
        assertThat(documented).containsKeys("sync", "init", "trash", "join", "restore", "resolve");
    }

    private JsonNode run(Map<String, String> extra, String... args) {
        Map<String, String> env = new HashMap<>(Map.of("HOME", temp.toString(),
                "XDG_CONFIG_HOME", temp.resolve("config").toString(), "SKYSYNC_DATA_DIR", temp.resolve("data").toString()));
        env.putAll(extra);
        List<String> all = new ArrayList<>(List.of("--json"));
        all.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(all.toArray(String[]::new), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), temp, false);
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(String.join(" ", args) + "\n" + text + err).isLessThanOrEqualTo(ExitCode.PARTIAL);
        assertThat(text.lines().toList()).as("one line of JSON from " + String.join(" ", args)).hasSize(1);
        try {
            return ApiJson.mapper().readTree(text);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    private JsonNode run(String... args) {
        return run(Map.of(), args);
    }

    /** Checks every documented object of {@code command} in its output. */
    private JsonNode check(String command, JsonNode json) {
        Map<String, Set<String>> rows = documented.get(command);
        assertThat(rows).as("docs/client.md documents " + command).isNotNull();
        rows.forEach((where, keys) -> {
            List<JsonNode> objects = at(json, where);
            assertThat(objects).as(command + " " + where + " in " + json).isNotEmpty();
            for (JsonNode object : objects) {
                Set<String> actual = new TreeSet<>();
                object.fieldNames().forEachRemaining(actual::add);
                Shape shape = shape(keys);
                assertThat(actual).as(command + " " + where + " (add a new key to docs/client.md)")
                        .containsAll(shape.required());
                Set<String> allowed = new TreeSet<>(shape.required());
                allowed.addAll(shape.optional());
                assertThat(allowed).as(command + " " + where + " (add a new key to docs/client.md)").containsAll(actual);
            }
        });
        checked.add(command);
        return json;
    }

    private static Shape shape(Set<String> keys) {
        Set<String> required = new TreeSet<>();
        Set<String> optional = new TreeSet<>();
        keys.forEach(k -> (k.endsWith("?") ? optional : required).add(k.replace("?", "")));
        return new Shape(required, optional);
    }

    /** The objects at ".", ".name", ".name[]" or "[]". */
    private static List<JsonNode> at(JsonNode json, String where) {
        if (where.equals(".")) {
            return List.of(json);
        }
        boolean array = where.endsWith("[]");
        String name = where.replace("[]", "").replaceFirst("^\\.", "");
        JsonNode node = name.isEmpty() ? json : json.get(name);
        if (node == null) {
            return List.of();
        }
        List<JsonNode> objects = new ArrayList<>();
        if (array) {
            node.forEach(objects::add);
        } else {
            objects.add(node);
        }
        return objects;
    }

    @Test
    void everyCommand_json_hasTheShapeDocsClientMdLists() throws Exception {
        Path laptop = Files.createDirectories(temp.resolve("laptop"));
        JsonNode init = check("init", run(Map.of("SKYSYNC_BOOTSTRAP_SECRET", FakeBackend.SECRET), "init", laptop.toString(),
                "--endpoint", backend.endpoint().toString(), "--vault", "home", "--device", "laptop"));
        assertThat(init.get("role").asText()).isEqualTo("admin");
        assertThat(init.get("vault").asText()).isEqualTo("home");
        Files.writeString(laptop.resolve("a.txt"), "from the laptop");
        Files.writeString(laptop.resolve("b.txt"), "soon deleted");
        assertThat(check("sync", run("sync", laptop.toString())).get("uploaded")).hasSize(2);
        check("push", run("push", laptop.toString(), "--dry-run"));
        check("pull", run("pull", laptop.toString()));
        check("status", run("status", laptop.toString()));

        String code = check("pair", run("pair", laptop.toString())).get("code").asText();
        Path desk = temp.resolve("desk");
        JsonNode join = check("join", run("join", code, desk.toString(), "--endpoint", backend.endpoint().toString(),
                "--vault", "home", "--device", "desk"));
        assertThat(join.get("joined").get("device").asText()).isEqualTo("desk");
        assertThat(join.get("downloaded")).hasSize(2);

        Files.writeString(laptop.resolve("a.txt"), "laptop edit");
        Files.writeString(desk.resolve("a.txt"), "desk edit");
        run("sync", laptop.toString());
        run("sync", desk.toString());
        assertThat(check("conflicts", run("conflicts", desk.toString()))).hasSize(1);
        JsonNode resolved = check("resolve", run("resolve", desk.resolve("a.txt").toString(), "--keep", "local"));
        assertThat(resolved.get("resolved").get(0).get("keep").asText()).isEqualTo("local");
        check("history", run("history", laptop.resolve("a.txt").toString()));

        Files.delete(laptop.resolve("b.txt"));
        run("sync", laptop.toString());
        JsonNode trash = check("trash", run("trash", laptop.toString()));
        // The conflict copy resolve removed is in the trash too.
        JsonNode b = trash.get("deleted").get(1);
        assertThat(b.get("path").asText()).isEqualTo("b.txt");
        assertThat(b.get("deletedBy").asText()).isEqualTo("laptop");
        assertThat(b.get("size").asLong()).isEqualTo("soon deleted".length());
        JsonNode restored = check("restore", run("restore", laptop.resolve("b.txt").toString()));
        assertThat(restored.get("restored").get("version").asLong()).isEqualTo(1);
        assertThat(run("trash", laptop.toString()).get("deleted")).hasSize(1);

        check("devices", run("devices", laptop.toString()));
        check("devices role", run("devices", "role", "desk", "read-only", laptop.toString()));
        JsonNode renamed = check("devices rename", run("devices", "rename", "desk", "desk 2", laptop.toString()));
        assertThat(renamed.get("name").asText()).isEqualTo("desk 2");
        check("devices revoke", run("devices", "revoke", "desk 2", laptop.toString()));

        assertThat(checked).as("every documented command was run").containsAll(documented.keySet());
    }
}
