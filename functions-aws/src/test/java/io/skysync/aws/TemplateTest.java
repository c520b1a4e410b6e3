package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks template.yaml without the SAM CLI or cfn-lint (neither installs here): every reference
 * resolves, the handlers exist, the storage is locked down. IAM: {@link TemplateIamTest}.
 */
class TemplateTest {
    private static SamTemplate template;

    @BeforeAll
    static void parse() {
        template = SamTemplate.load();
    }

    @Test
    void references_everyRefGetAttAndSubTarget_existsAsResourceParameterOrPseudoParameter() {
        Set<String> known = new LinkedHashSet<>();
        known.addAll(template.section("Resources").keySet());
        known.addAll(template.section("Parameters").keySet());
        List<SamTemplate.Intrinsic> intrinsics = template.intrinsics();

        List<String> targets = new ArrayList<>();
        intrinsics.forEach(i -> targets.addAll(i.targets()));

        assertThat(intrinsics).extracting(SamTemplate.Intrinsic::name).contains("Ref", "GetAtt", "Sub");
        assertThat(targets).isNotEmpty().allSatisfy(target ->
                assertThat(target.startsWith("AWS::") || known.contains(target))
                        .as("reference to %s resolves", target).isTrue());
    }

    @Test
    void function_handlerClassExistsAndImplementsTheLambdaInterface() throws Exception {
        for (String function : template.resourcesOfType("AWS::Serverless::Function")) {
            Map<String, Object> properties = template.properties(function);
            String handler = (String) properties.get("Handler");
            Class<?> type = Class.forName(handler.substring(0, handler.indexOf("::")));

            assertThat(RequestHandler.class).as(function).isAssignableFrom(type);
            assertThat(type.getMethods()).extracting(Method::getName).contains(handler.substring(handler.indexOf("::") + 2));
            assertThat(type.getConstructor()).isNotNull();
            assertThat(properties.get("Runtime")).isEqualTo("java21");
        }
    }

    @Test
    void function_snapStartOnPublishedVersionsWithAnAlias() {
        Map<String, Object> properties = template.properties("SyncFunction");

        assertThat(properties.get("SnapStart")).isEqualTo(Map.of("ApplyOn", "PublishedVersions"));
        assertThat(properties.get("AutoPublishAlias")).isNotNull();
        assertThat((Integer) properties.get("Timeout")).isLessThan(30);
        assertThat(properties.get("Environment")).asString()
                .contains("SKYSYNC_TABLE", "SKYSYNC_BUCKET", "SKYSYNC_BOOTSTRAP_SECRET");
    }

    @Test
    void storage_tableAndBucketAreLockedDown() {
        Map<String, Object> table = template.properties("ManifestTable");
        Map<String, Object> bucket = template.properties("BlobBucket");

        assertThat(table.get("BillingMode")).isEqualTo("PAY_PER_REQUEST");
        assertThat(table.get("PointInTimeRecoverySpecification")).isEqualTo(Map.of("PointInTimeRecoveryEnabled", true));
        assertThat(SamTemplate.cast(table.get("TimeToLiveSpecification")))
                .containsEntry("Enabled", true).containsEntry("AttributeName", DynamoDbPairingStore.TTL);
        assertThat(bucket.get("PublicAccessBlockConfiguration")).isEqualTo(Map.of("BlockPublicAcls", true,
                "BlockPublicPolicy", true, "IgnorePublicAcls", true, "RestrictPublicBuckets", true));
        assertThat(bucket).containsKey("BucketEncryption").doesNotContainKey("CorsConfiguration");
        assertThat(bucket.get("LifecycleConfiguration")).asString().contains("AbortIncompleteMultipartUpload");
        assertThat(template.section("Outputs")).containsKey("ApiUrl");
    }
}
