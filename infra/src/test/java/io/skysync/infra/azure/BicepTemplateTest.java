package io.skysync.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/azure/main.bicep cannot be compiled here (no Bicep CLI), so this reads its text
 * ({@link BicepText}) and checks what docs/azure.md promises: where each resource lives, each role
 * assignment by identity, role and scope, the secret as a Key Vault reference, names that keep their
 * unique suffix. It is no substitute for {@code az bicep build} before a first real deployment.
 */
class BicepTemplateTest {
    /** {@code uniqueString()} always returns 13 characters. */
    private static final int UNIQUE_STRING_LENGTH = 13;
    private static final int MAX_STORAGE_OR_VAULT_NAME = 24;
    private static BicepText bicep;

    @BeforeAll
    static void parse() throws IOException {
        bicep = BicepText.read(Path.of("azure", "main.bicep"));
    }

    @Test
    void storageAccounts_dataAndHost_bothPrivateTls12AndKeyless() {
        List<BicepText.Resource> accounts = bicep.ofType("Microsoft.Storage/storageAccounts");

        assertThat(accounts).extracting(BicepText.Resource::symbol).containsExactlyInAnyOrder("dataStorage", "hostStorage");
        assertThat(accounts).allSatisfy(account -> {
            assertThat(account.has("allowBlobPublicAccess:\\s*false")).isTrue();
            assertThat(account.has("minimumTlsVersion:\\s*'TLS1_2'")).isTrue();
            assertThat(account.has("allowSharedKeyAccess:\\s*false")).as(account.symbol()).isTrue();
            assertThat(account.has("supportsHttpsTrafficOnly:\\s*true")).isTrue();
        });
    }

    @Test
    void vaultDataAndHostStorage_liveInSeparateAccounts() {
        assertThat(bicep.account("manifest")).isEqualTo("dataStorage");
        assertThat(bicep.account("blobs")).isEqualTo("dataStorage");
        assertThat(bicep.account("packages")).isEqualTo("hostStorage");
        assertThat(bicep.ofType("Microsoft.Storage/storageAccounts/blobServices/containers"))
                .hasSize(2).allSatisfy(c -> assertThat(c.has("publicAccess:\\s*'None'")).isTrue());
        assertThat(bicep.vars()).containsEntry("manifestTable", "'skysync'").containsEntry("blobContainer", "'skysync'");
        assertThat(bicep.only("Microsoft.Web/sites").has("value:\\s*'\\$\\{hostStorage\\.properties\\.primaryEndpoints\\.blob\\}"))
                .as("the Flex package lives with the host").isTrue();
    }

    @Test
    void functionApp_isLinuxFlexConsumptionJavaWithASystemAssignedIdentity() {
        BicepText.Resource plan = bicep.only("Microsoft.Web/serverfarms");
        BicepText.Resource app = bicep.only("Microsoft.Web/sites");

        assertThat(plan.has("tier:\\s*'FlexConsumption'")).isTrue();
        assertThat(plan.has("reserved:\\s*true")).as("Linux").isTrue();
        assertThat(app.has("kind:\\s*'functionapp,linux'")).isTrue();
        assertThat(app.has("type:\\s*'SystemAssigned'")).isTrue();
        assertThat(app.has("name:\\s*'java'")).isTrue();
        assertThat(app.has("version:\\s*javaVersion")).isTrue();
        assertThat(bicep.text()).containsPattern("@allowed\\(\\[\\s*'17'\\s*'21'\\s*\\]\\)\\s*param javaVersion string");
        assertThat(app.has("httpsOnly:\\s*true")).isTrue();
    }

    @Test
    void appSettings_nameEverySettingTheCompositionReadsAndAreWrittenAfterTheRoles() {
        BicepText.Resource settings = bicep.only("Microsoft.Web/sites/config");

        assertThat(settings.has("parent:\\s*app\\s*$")).isTrue();
        assertThat(settings.has("name:\\s*'appsettings'")).isTrue();
        assertThat(settings.has("AzureWebJobsStorage__accountName:\\s*hostStorage\\.name")).isTrue();
        assertThat(settings.has("SKYSYNC_STORAGE_ACCOUNT:\\s*dataStorage\\.name")).isTrue();
        for (String setting : List.of("SKYSYNC_TABLE", "SKYSYNC_CONTAINER", "APPLICATIONINSIGHTS_CONNECTION_STRING")) {
            assertThat(settings.has("^\\s*" + setting + ":")).as(setting).isTrue();
        }
        assertThat(settings.dependsOn()).containsExactlyInAnyOrderElementsOf(
                bicep.ofType("Microsoft.Authorization/roleAssignments").stream().map(BicepText.Resource::symbol).toList());
        assertThat(bicep.text()).doesNotContain("listKeys").doesNotContain("AccountKey=").doesNotContain("SKYSYNC_STORAGE_CONNECTION");
    }

    /** Issue 10: the bootstrap secret is a Key Vault reference, never a plain app setting. */
    @Test
    void bootstrapSecret_isAKeyVaultReferenceToAVersionOfTheSecret() {
        BicepText.Resource vault = bicep.only("Microsoft.KeyVault/vaults");
        BicepText.Resource secret = bicep.only("Microsoft.KeyVault/vaults/secrets");

        assertThat(vault.has("enableRbacAuthorization:\\s*true")).isTrue();
        assertThat(secret.has("parent:\\s*" + vault.symbol() + "\\s*$")).isTrue();
        assertThat(secret.has("value:\\s*bootstrapSecret\\s*$")).isTrue();
        assertThat(bicep.only("Microsoft.Web/sites/config").has("SKYSYNC_BOOTSTRAP_SECRET:\\s*'@Microsoft\\.KeyVault\\(SecretUri=\\$\\{"
                + secret.symbol() + "\\.properties\\.secretUriWithVersion\\}\\)'")).isTrue();
        assertThat(bicep.text()).containsPattern("@secure\\(\\)\\s*@minLength\\(32\\)\\s*param bootstrapSecret string");
        assertThat(bicep.only("Microsoft.Web/sites/config").has("\\bbootstrapSecret\\b"))
                .as("no app setting holds the secret itself").isFalse();
    }

    /** Issue 17: the host is Owner on its own account only; the data roles stop at the table and the container. */
    @Test
    void roleAssignments_perIdentityRoleAndScope() {
        assertThat(bicep.vars()).containsEntry("storageBlobDataOwner", "'b7e6dc6d-f1e8-4753-8033-0f276bb0955b'")
                .containsEntry("storageBlobDataContributor", "'ba92f5b4-2d11-453d-a403-e96b0029c9fe'")
                .containsEntry("storageBlobDelegator", "'db58b8e5-c6ad-4a2a-8342-4190687cbf4a'")
                .containsEntry("storageTableDataContributor", "'0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3'")
                .containsEntry("keyVaultSecretsUser", "'4633458b-17de-408a-b874-0445c86b69e6'");
        Map<String, String> scopeByRole = new HashMap<>();
        for (BicepText.Resource role : bicep.ofType("Microsoft.Authorization/roleAssignments")) {
            assertThat(role.has("principalId:\\s*app\\.identity\\.principalId")).as(role.symbol() + " principal").isTrue();
            assertThat(role.has("principalType:\\s*'ServicePrincipal'")).isTrue();
            String scope = role.property("scope");
            assertThat(role.has("name:\\s*guid\\(" + scope + "\\.id,")).as(role.symbol() + " name follows its scope").isTrue();
            assertThat(scopeByRole.put(role.roleVar(), scope)).as("one assignment per role").isNull();
        }
        assertThat(scopeByRole).isEqualTo(Map.of("storageBlobDataOwner", "hostStorage",
                "storageBlobDataContributor", "blobs", "storageTableDataContributor", "manifest",
                // Get User Delegation Key is authorized on the account; the role holds no data access.
                "storageBlobDelegator", "dataStorage", "keyVaultSecretsUser", "bootstrap"));
    }

    /** Issue 17: take(..., 24) over the whole name cut the unique suffix of long app names. */
    @Test
    void names_keepTheirUniqueSuffixWithinTwentyFourCharacters() {
        Map<String, String> vars = bicep.vars();
        assertThat(vars.get("suffix")).startsWith("uniqueString(");
        Matcher take = Pattern.compile("^take\\(.*,\\s*(\\d+)\\)$").matcher(vars.get("namePrefix"));
        assertThat(take.matches()).as("the prefix is a cut app name").isTrue();
        Map<String, Integer> lengths = Map.of("suffix", UNIQUE_STRING_LENGTH, "namePrefix", Integer.parseInt(take.group(1)));

        for (String name : List.of("dataStorageName", "hostStorageName", "keyVaultName")) {
            String template = vars.get(name);
            assertThat(template).as(name).contains("${suffix}").doesNotContain("take(");
            Matcher part = Pattern.compile("\\$\\{(\\w+)}").matcher(template);
            int length = template.length() - 2;
            while (part.find()) {
                length += lengths.get(part.group(1)) - part.group().length();
            }
            assertThat(length).as("longest %s", name).isLessThanOrEqualTo(MAX_STORAGE_OR_VAULT_NAME);
        }
        assertThat(vars.get("keyVaultName")).as("a vault name starts with a letter").startsWith("'kv");
    }

    @Test
    void parametersExample_namesExactlyTheParametersWithoutDefaultAndHoldsNoUsableSecret() throws IOException {
        JsonNode example = new ObjectMapper().readTree(Files.readString(Path.of("azure", "main.parameters.example.json")));
        Set<String> names = new LinkedHashSet<>();
        example.get("parameters").fieldNames().forEachRemaining(names::add);

        Set<String> required = Pattern.compile("(?m)^param\\s+(\\w+)\\s+\\w+\\s*$").matcher(bicep.text()).results()
                .map(m -> m.group(1)).collect(Collectors.toSet());
        assertThat(names).containsExactlyInAnyOrderElementsOf(required);
        assertThat(example.at("/parameters/bootstrapSecret/value").asText()).hasSizeLessThan(32);
    }

    @Test
    void docs_neverPutTheSecretOnACommandLine() throws IOException {
        for (Path doc : List.of(Path.of("..", "README.md"), Path.of("..", "docs", "azure.md"))) {
            assertThat(Files.readString(doc)).as(doc.toString()).doesNotContain("bootstrapSecret=")
                    .contains("az group create").contains("-p @");
        }
    }

    @Test
    void outputs_includeTheApiUrl() {
        assertThat(bicep.text()).containsPattern("output apiUrl string = 'https://\\$\\{app\\.properties\\.defaultHostName\\}'");
    }
}
