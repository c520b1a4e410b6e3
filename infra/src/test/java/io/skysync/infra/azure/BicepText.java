package io.skysync.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Bicep file read as text: its top-level resources (symbol, type, body with braces matched
 * outside strings and comments) and its variables. Enough for structural checks of one template;
 * no expression is evaluated.
 */
final class BicepText {
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource\\s+(\\w+)\\s+'([^'@]+)@([^']+)'\\s*=\\s*\\{");
    private static final Pattern VAR = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*(.+?)\\s*$");

    record Resource(String symbol, String type, String apiVersion, String body) {
        boolean has(String regex) {
            return Pattern.compile(regex, Pattern.MULTILINE).matcher(body).find();
        }

        /** The value of a one-line property, e.g. {@code parent: dataStorage} gives "dataStorage". */
        String property(String name) {
            Matcher m = Pattern.compile("(?m)^\\s*" + name + ":\\s*(.+?)\\s*$").matcher(body);
            assertThat(m.find()).as("%s has %s", symbol, name).isTrue();
            return m.group(1);
        }

        /** The symbols listed in {@code dependsOn: [ ... ]}. */
        List<String> dependsOn() {
            Matcher m = Pattern.compile("dependsOn:\\s*\\[([^\\]]*)]").matcher(body);
            assertThat(m.find()).as("%s has dependsOn", symbol).isTrue();
            return Arrays.stream(m.group(1).split("\\s+")).filter(s -> !s.isBlank()).toList();
        }

        /** The role definition variable of a role assignment. */
        String roleVar() {
            Matcher m = Pattern.compile("roleDefinitions',\\s*(\\w+)\\)").matcher(body);
            assertThat(m.find()).as(symbol + " names its role definition").isTrue();
            return m.group(1);
        }
    }

    private final String text;
    private final Map<String, Resource> resources;
    private final Map<String, String> vars;

    private BicepText(String text, Map<String, Resource> resources, Map<String, String> vars) {
        this.text = text;
        this.resources = resources;
        this.vars = vars;
    }

    static BicepText read(Path file) throws IOException {
        String text = Files.readString(file);
        Map<String, Resource> resources = new LinkedHashMap<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            int open = m.end() - 1;
            resources.put(m.group(1), new Resource(m.group(1), m.group(2), m.group(3),
                    text.substring(open, closing(text, open) + 1)));
        }
        Map<String, String> vars = new LinkedHashMap<>();
        Matcher v = VAR.matcher(text);
        while (v.find()) {
            vars.put(v.group(1), v.group(2));
        }
        return new BicepText(text, resources, vars);
    }

    String text() {
        return text;
    }

    Map<String, String> vars() {
        return vars;
    }

    List<Resource> ofType(String type) {
        return new ArrayList<>(resources.values().stream().filter(r -> r.type().equals(type)).toList());
    }

    Resource only(String type) {
        List<Resource> found = ofType(type);
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    /** The storage account a storage sub-resource belongs to, following {@code parent:}. */
    String account(String symbol) {
        Resource r = resources.get(symbol);
        assertThat(r).as(symbol).isNotNull();
        while (!r.type().equals("Microsoft.Storage/storageAccounts")) {
            r = resources.get(r.property("parent"));
        }
        return r.symbol();
    }

    /** The index of the brace closing the one at {@code open}, skipping strings and comments. */
    private static int closing(String s, int open) {
        int depth = 0;
        for (int i = open; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '/' && i + 1 < s.length() && s.charAt(i + 1) == '/') {
                i = s.indexOf('\n', i);
                if (i < 0) {
                    break;
                }
            } else if (c == '\'') {
                for (i++; i < s.length() && s.charAt(i) != '\''; i++) {
                    if (s.charAt(i) == '\\') {
                        i++;
                    }
                }
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        throw new IllegalStateException("unbalanced braces after index " + open);
    }
}
