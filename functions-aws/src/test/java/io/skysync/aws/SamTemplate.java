package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * template.yaml parsed with the short-form intrinsics it uses ({@code !Ref}, {@code !GetAtt},
 * {@code !Sub}); any other tag fails to parse. Neither the SAM CLI nor cfn-lint installs on our build
 * machines, so the template tests read the file themselves.
 */
final class SamTemplate {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");

    /** A CloudFormation short-form function: {@code !Ref X}, {@code !GetAtt X.Y}, {@code !Sub "..."}. */
    record Intrinsic(String name, Object argument) {
        /** The logical names (or pseudo parameters) this intrinsic refers to. */
        List<String> targets() {
            List<String> out = new ArrayList<>();
            String text = argument instanceof List<?> list ? (String) list.get(0) : (String) argument;
            switch (name) {
                case "Ref" -> out.add(text);
                case "GetAtt" -> out.add(text.contains(".") ? text.substring(0, text.indexOf('.')) : text);
                case "Sub" -> {
                    Matcher m = SUB_VARIABLE.matcher(text);
                    while (m.find()) {
                        String variable = m.group(1);
                        out.add(variable.contains(".") && !variable.startsWith("AWS::")
                                ? variable.substring(0, variable.indexOf('.')) : variable);
                    }
                }
                default -> throw new AssertionError("unexpected intrinsic !" + name);
            }
            return out;
        }
    }

    private final Map<String, Object> root;

    private SamTemplate(Map<String, Object> root) {
        this.root = root;
    }

    static SamTemplate load() {
        try {
            return new SamTemplate(new Yaml(new CloudFormationConstructor()).load(Files.readString(path())));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** template.yaml at the repository root, from the module folder or the root. */
    static Path path() {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("template.yaml");
        return Files.exists(candidate) ? candidate : here.getParent().resolve("template.yaml");
    }

    Object get(String key) {
        return root.get(key);
    }

    Map<String, Object> section(String name) {
        return cast(root.get(name));
    }

    Map<String, Object> resource(String logicalId) {
        Map<String, Object> r = cast(section("Resources").get(logicalId));
        assertThat(r).as("resource %s", logicalId).isNotNull();
        return r;
    }

    Map<String, Object> properties(String logicalId) {
        return cast(resource(logicalId).get("Properties"));
    }

    /** Logical ids of the resources of one type, in template order. */
    List<String> resourcesOfType(String type) {
        return section("Resources").entrySet().stream()
                .filter(e -> type.equals(cast(e.getValue()).get("Type"))).map(Map.Entry::getKey).toList();
    }

    /** Every intrinsic anywhere in the template, nested ones included. */
    List<Intrinsic> intrinsics() {
        List<Intrinsic> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    /** The inline IAM statements of a function; managed policies and SAM policy templates fail. */
    List<Map<String, Object>> statements(String function) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object policy : (List<?>) properties(function).get("Policies")) {
            assertThat(policy).as("inline statements only, no managed or SAM policy templates").isInstanceOf(Map.class);
            for (Object statement : (List<?>) ((Map<?, ?>) policy).get("Statement")) {
                out.add(cast(statement));
            }
        }
        return out;
    }

    static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    private static void collect(Object node, List<Intrinsic> out) {
        if (node instanceof Intrinsic i) {
            out.add(i);
            collect(i.argument(), out);
        } else if (node instanceof Map<?, ?> map) {
            map.values().forEach(v -> collect(v, out));
        } else if (node instanceof List<?> list) {
            list.forEach(v -> collect(v, out));
        }
    }

    /** SafeConstructor plus the short-form intrinsics this template uses. */
    private static final class CloudFormationConstructor extends SafeConstructor {
        CloudFormationConstructor() {
            super(new LoaderOptions());
            for (String name : List.of("Ref", "GetAtt", "Sub")) {
                yamlConstructors.put(new Tag("!" + name), new AbstractConstruct() {
                    @Override
                    public Object construct(Node node) {
                        Object argument;
                        if (node instanceof ScalarNode scalar) {
                            argument = constructScalar(scalar);
                        } else if (node instanceof SequenceNode sequence) {
                            argument = constructSequence(sequence);
                        } else {
                            throw new IllegalArgumentException("!" + name + " takes a scalar or a list");
                        }
                        return new Intrinsic(name, argument);
                    }
                });
            }
        }
    }
}
