package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.AbstractConstruct;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Checks template.yaml without the SAM CLI or cfn-lint (neither installs here): every reference
 * resolves, the handler exists, the function's IAM names only its table and its bucket.
 */
class TemplateTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}]*)}");
    private static Map<String, Object> template;

    /** A CloudFormation short-form function: {@code !Ref X}, {@code !GetAtt X.Y}, {@code !Sub "..."}. */
    record Intrinsic(String name, Object argument) {
    }

    @BeforeAll
    static void parse() throws IOException {
        String text = Files.readString(templatePath());
        template = new Yaml(new CloudFormationConstructor()).load(text);
    }

    static Path templatePath() {
        Path here = Path.of("").toAbsolutePath();
        Path candidate = here.resolve("template.yaml");
        return Files.exists(candidate) ? candidate : here.getParent().resolve("template.yaml");
    }

    @Test
    void references_everyRefGetAttAndSubTarget_existsAsResourceParameterOrPseudoParameter() {
        Set<String> known = new LinkedHashSet<>();
        known.addAll(section("Resources").keySet());
        known.addAll(section("Parameters").keySet());
        List<Intrinsic> intrinsics = new ArrayList<>();
        collect(template, intrinsics);

        List<String> targets = new ArrayList<>();
        for (Intrinsic i : intrinsics) {
            targets.addAll(targetsOf(i));
        }

        assertThat(intrinsics).extracting(Intrinsic::name).contains("Ref", "GetAtt", "Sub");
        assertThat(targets).isNotEmpty().allSatisfy(target ->
                assertThat(target.startsWith("AWS::") || known.contains(target))
                        .as("reference to %s resolves", target).isTrue());
    }

    @Test
    void function_handlerClassExistsAndImplementsTheLambdaInterface() throws Exception {
        Map<String, Object> properties = properties("SyncFunction");
        String handler = (String) properties.get("Handler");
        String className = handler.substring(0, handler.indexOf("::"));
        String method = handler.substring(handler.indexOf("::") + 2);

        Class<?> type = Class.forName(className);

        assertThat(com.amazonaws.services.lambda.runtime.RequestHandler.class).isAssignableFrom(type);
        assertThat(type.getMethods()).extracting(java.lang.reflect.Method::getName).contains(method);
        assertThat(type.getConstructor()).isNotNull();
        assertThat(properties.get("Runtime")).isEqualTo("java21");
        assertThat(properties.get("CodeUri")).asString().startsWith("functions-aws/target/").endsWith("-lambda.jar");
    }

    @Test
    void function_snapStartOnPublishedVersionsWithAnAlias() {
        Map<String, Object> properties = properties("SyncFunction");

        assertThat(properties.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(properties.get("AutoPublishAlias")).isNotNull();
        assertThat((Integer) properties.get("Timeout")).isLessThan(30);
        assertThat(properties.get("Environment")).asString()
                .contains("SKYSYNC_TABLE", "SKYSYNC_BUCKET", "SKYSYNC_BOOTSTRAP_SECRET");
    }

    @Test
    void iam_functionStatementsNameOnlyTheTableAndTheBucket() {
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Object policy : (List<?>) properties("SyncFunction").get("Policies")) {
            assertThat(policy).as("inline statements only, no managed or SAM policy templates").isInstanceOf(Map.class);
            for (Object statement : (List<?>) ((Map<?, ?>) policy).get("Statement")) {
                statements.add(cast(statement));
            }
        }

        assertThat(statements).isNotEmpty().allSatisfy(statement -> {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            assertThat(asList(statement.get("Action"))).allSatisfy(action ->
                    assertThat((String) action).matches("(dynamodb|s3):[A-Za-z]+"));
            for (Object resource : asList(statement.get("Resource"))) {
                assertThat(resource).as("a resource is an intrinsic, never a literal or '*'").isInstanceOf(Intrinsic.class);
                assertThat(targetsOf((Intrinsic) resource)).isNotEmpty()
                        .allSatisfy(t -> assertThat(t).isIn("ManifestTable", "BlobBucket"));
            }
        });
        List<String> actions = statements.stream().flatMap(s -> asList(s.get("Action")).stream())
                .map(String::valueOf).toList();
        assertThat(actions).doesNotContain("dynamodb:DeleteTable", "dynamodb:Scan", "s3:*", "dynamodb:*");
        // Deleting objects only for blob verification and repair, under vaults/ (docs/security.md).
        assertThat(statements).filteredOn(st -> asList(st.get("Action")).contains("s3:DeleteObject"))
                .singleElement().satisfies(st -> assertThat(String.valueOf(st.get("Resource"))).contains("/vaults/*"));
    }

    @Test
    void storage_tableAndBucketAreLockedDown() {
        Map<String, Object> table = properties("ManifestTable");
        Map<String, Object> bucket = properties("BlobBucket");

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(cast(table.get("TimeToLiveSpecification"))).containsEntry("Enabled", true).containsKey("AttributeName");
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket).containsKey("BucketEncryption").doesNotContainKey("CorsConfiguration");
        assertThat(bucket.get("LifecycleConfiguration")).asString().contains("AbortIncompleteMultipartUpload");
        assertThat(section("Parameters").get("BootstrapSecret")).asString().contains("NoEcho=true");
        assertThat(section("Outputs")).containsKey("ApiUrl");
    }

    private static List<String> targetsOf(Intrinsic i) {
        List<String> out = new ArrayList<>();
        switch (i.name()) {
            case "Ref" -> out.add((String) i.argument());
            case "GetAtt" -> {
                Object arg = i.argument();
                String text = arg instanceof List<?> list ? (String) list.get(0) : (String) arg;
                out.add(text.contains(".") ? text.substring(0, text.indexOf('.')) : text);
            }
            case "Sub" -> {
                Object arg = i.argument();
                String text = arg instanceof List<?> list ? (String) list.get(0) : (String) arg;
                Matcher m = SUB_VARIABLE.matcher(text);
                while (m.find()) {
                    String variable = m.group(1);
                    out.add(variable.contains(".") && !variable.startsWith("AWS::")
                            ? variable.substring(0, variable.indexOf('.')) : variable);
                }
            }
            default -> throw new AssertionError("unexpected intrinsic !" + i.name());
        }
        return out;
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

    private static Map<String, Object> section(String name) {
        return cast(template.get(name));
    }

    private static Map<String, Object> properties(String resource) {
        Map<String, Object> r = cast(section("Resources").get(resource));
        assertThat(r).as("resource %s", resource).isNotNull();
        return cast(r.get("Properties"));
    }

    private static List<?> asList(Object value) {
        return value instanceof List<?> list ? list : List.of(value);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Object value) {
        return (Map<String, Object>) value;
    }

    /** SafeConstructor plus the short-form intrinsics this template uses; anything else fails to parse. */
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
