package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What `sam build && sam deploy` and a later rotation need from template.yaml, checked against the
 * rules of the SAM CLI, the SAM transform and CloudFormation as their sources and documentation
 * state them (docs/aws.md cites each). No deploy tool installs here, so this is the check we have.
 */
class TemplateDeployTest {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([A-Za-z0-9]+)}");
    private static SamTemplate template;

    @BeforeAll
    static void parse() {
        template = SamTemplate.load();
    }

    /**
     * SAM CLI (samcli/lib/providers/provider.py, get_function_build_info) skips a function whose
     * CodeUri ends in ".zip" or whose Metadata says SkipBuild; anything else goes to a language
     * workflow, and the Java Maven workflow fails on a jar file ("Not a directory").
     */
    @Test
    void samBuild_skipsEveryFunctionAndUploadsTheShadedJarMavenBuilt() {
        List<String> functions = template.resourcesOfType("AWS::Serverless::Function");

        assertThat(functions).containsExactlyInAnyOrder("SyncFunction", "RetentionFunction");
        for (String function : functions) {
            String codeUri = (String) template.properties(function).get("CodeUri");
            Map<String, Object> metadata = SamTemplate.cast(template.resource(function).getOrDefault("Metadata", Map.of()));
            boolean skipped = codeUri.endsWith(".zip") || Boolean.TRUE.equals(metadata.get("SkipBuild"));
            assertThat(skipped).as("%s: sam build must not run a Java workflow on %s", function, codeUri).isTrue();
            assertThat(codeUri).startsWith("functions-aws/target/functions-aws-").endsWith("-lambda.jar");
        }
    }

    /** LanguageExtensions must come first: transforms run in list order. */
    @Test
    void transforms_languageExtensionsRunBeforeTheSamTransform() {
        assertThat(template.get("Transform")).isEqualTo(List.of("AWS::LanguageExtensions", "AWS::Serverless-2016-10-31"));
    }

    /**
     * The secret reaches the function as a Secrets Manager dynamic reference pinned to a version
     * id. CloudFormation passes dynamic references to transforms as plain text, so after
     * LanguageExtensions resolves the parameters the environment SAM hashes for AutoPublishAlias
     * differs for every version id: a rotation publishes a new version. No parameter carries the
     * secret itself: LanguageExtensions would write its value into the processed template.
     */
    @Test
    void bootstrapSecret_isADynamicReferencePinnedToAVersionParameter() {
        Object reference = environment("SyncFunction").get("SKYSYNC_BOOTSTRAP_SECRET");

        assertThat(reference).isEqualTo(new SamTemplate.Intrinsic("Sub",
                "{{resolve:secretsmanager:${BootstrapSecretName}:SecretString:::${BootstrapSecretVersion}}}"));
        assertThat(template.section("Parameters")).containsOnlyKeys("BootstrapSecretName", "BootstrapSecretVersion")
                .allSatisfy((name, p) -> assertThat(SamTemplate.cast(p)).doesNotContainKey("NoEcho"));
        assertThat(SamTemplate.cast(template.section("Parameters").get("BootstrapSecretVersion")))
                .as("the version is chosen at each deploy, never defaulted").doesNotContainKey("Default");

        String first = resolveParameters(reference, Map.of("BootstrapSecretName", "skysync/bootstrap",
                "BootstrapSecretVersion", "a1b2c3d4-0000-4000-8000-000000000001"));
        String rotated = resolveParameters(reference, Map.of("BootstrapSecretName", "skysync/bootstrap",
                "BootstrapSecretVersion", "a1b2c3d4-0000-4000-8000-000000000002"));
        assertThat(first).isEqualTo("{{resolve:secretsmanager:skysync/bootstrap:SecretString:::"
                + "a1b2c3d4-0000-4000-8000-000000000001}}");
        assertThat(rotated).as("what SAM hashes for the version changes with the secret's version").isNotEqualTo(first);
        assertThat(template.properties("SyncFunction").get("AutoPublishAlias")).isEqualTo("live");
        assertThat(environment("RetentionFunction")).doesNotContainKey("SKYSYNC_BOOTSTRAP_SECRET");
    }

    /**
     * Each function logs to a group created before it (LoggingConfig refers to the group, the group
     * does not refer to the function), so the logs of a SnapStart publish have somewhere to go.
     */
    @Test
    void logGroups_existBeforeTheirFunctionsAndKeepThirtyDays() {
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> logging = SamTemplate.cast(template.properties(function).get("LoggingConfig"));
            assertThat(logging).as(function).isNotNull();
            SamTemplate.Intrinsic group = (SamTemplate.Intrinsic) logging.get("LogGroup");
            assertThat(group.name()).isEqualTo("Ref");
            String groupId = (String) group.argument();

            assertThat(template.resource(groupId).get("Type")).isEqualTo("AWS::Logs::LogGroup");
            Map<String, Object> properties = template.properties(groupId);
            assertThat(properties.get("RetentionInDays")).isEqualTo(30);
            List<String> groupRefersTo = new ArrayList<>();
            properties.values().stream().filter(SamTemplate.Intrinsic.class::isInstance)
                    .forEach(i -> groupRefersTo.addAll(((SamTemplate.Intrinsic) i).targets()));
            assertThat(groupRefersTo).as("%s must not wait for %s", groupId, function).doesNotContain(function);
        }
    }

    private static Map<String, Object> environment(String function) {
        return SamTemplate.cast(SamTemplate.cast(template.properties(function).get("Environment")).get("Variables"));
    }

    /** What LanguageExtensions does to a {@code !Sub} over parameters: substitutes their values. */
    private static String resolveParameters(Object value, Map<String, String> parameters) {
        SamTemplate.Intrinsic sub = (SamTemplate.Intrinsic) value;
        Matcher m = SUB_VARIABLE.matcher((String) sub.argument());
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            assertThat(parameters).as("only parameters inside the reference").containsKey(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(parameters.get(m.group(1))));
        }
        m.appendTail(out);
        return out.toString();
    }
}
