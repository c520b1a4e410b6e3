package io.skysync.infra.azure;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * infra/azure/main.bicep cannot be compiled here (no Bicep CLI), so this reads its text: every
 * resource block by symbol, type and body (braces matched outside strings and comments), and
 * checks the resources and role assignments docs/azure.md promises.
 */
class BicepTemplateTest {
    private static final Path TEMPLATE = Path.of("azure", "main.bicep");
    private static final Pattern RESOURCE = Pattern.compile("(?m)^resource\\s+(\\w+)\\s+'([^'@]+)@([^']+)'\\s*=\\s*\\{");
    private static final Pattern VAR = Pattern.compile("(?m)^var\\s+(\\w+)\\s*=\\s*'([^']*)'");
    private static String text;
    private static Map<String, Resource> resources;
    private static Map<String, String> vars;

    record Resource(String symbol, String type, String apiVersion, String body) {
        boolean has(String regex) {
            return Pattern.compile(regex, Pattern.MULTILINE).matcher(body).find();
        }
    }

    @BeforeAll
    static void parse() throws IOException {
        text = Files.readString(TEMPLATE);
        resources = new LinkedHashMap<>();
        Matcher m = RESOURCE.matcher(text);
        while (m.find()) {
            int open = m.end() - 1;
            resources.put(m.group(1), new Resource(m.group(1), m.group(2), m.group(3), text.substring(open, closing(text, open) + 1)));
        }
        vars = new HashMap<>();
        Matcher v = VAR.matcher(text);
        while (v.find()) {
            vars.put(v.group(1), v.group(2));
        }
    }

    @Test
    void storageAccount_isPrivateTls12AndKeyless() {
        Resource storage = only("Microsoft.Storage/storageAccounts");

        assertThat(storage.has("allowBlobPublicAccess:\\s*false")).isTrue();
        assertThat(storage.has("minimumTlsVersion:\\s*'TLS1_2'")).isTrue();
        assertThat(storage.has("allowSharedKeyAccess:\\s*false")).isTrue();
        assertThat(storage.has("supportsHttpsTrafficOnly:\\s*true")).isTrue();
    }

    @Test
    void tableAndContainers_existAndNoContainerIsPublic() {
        assertThat(ofType("Microsoft.Storage/storageAccounts/tableServices/tables")).hasSize(1);
        List<Resource> containers = ofType("Microsoft.Storage/storageAccounts/blobServices/containers");
        assertThat(containers).hasSize(2).allSatisfy(c -> assertThat(c.has("publicAccess:\\s*'None'")).isTrue());
        assertThat(text).contains("var manifestTable = 'skysync'").contains("var blobContainer = 'skysync'");
    }

    @Test
    void functionApp_isLinuxFlexConsumptionJavaWithASystemAssignedIdentity() {
        Resource plan = only("Microsoft.Web/serverfarms");
        Resource app = only("Microsoft.Web/sites");

        assertThat(plan.has("tier:\\s*'FlexConsumption'")).isTrue();
        assertThat(plan.has("reserved:\\s*true")).as("Linux").isTrue();
        assertThat(app.has("kind:\\s*'functionapp,linux'")).isTrue();
        assertThat(app.has("type:\\s*'SystemAssigned'")).isTrue();
        assertThat(app.has("name:\\s*'java'")).isTrue();
        assertThat(app.has("version:\\s*javaVersion")).isTrue();
        assertThat(text).containsPattern("@allowed\\(\\[\\s*'17'\\s*'21'\\s*\\]\\)\\s*param javaVersion string");
        assertThat(app.has("httpsOnly:\\s*true")).isTrue();
    }

    @Test
    void appSettings_nameEverySettingTheCompositionReadsAndNoKey() {
        Resource app = only("Microsoft.Web/sites");

        for (String setting : List.of("SKYSYNC_STORAGE_ACCOUNT", "SKYSYNC_TABLE", "SKYSYNC_CONTAINER",
                "SKYSYNC_BOOTSTRAP_SECRET", "APPLICATIONINSIGHTS_CONNECTION_STRING", "AzureWebJobsStorage__accountName")) {
            assertThat(app.has("name:\\s*'" + setting + "'")).as(setting).isTrue();
        }
        assertThat(text).doesNotContain("listKeys").doesNotContain("AccountKey=").doesNotContain("SKYSYNC_STORAGE_CONNECTION");
        assertThat(text).containsPattern("@secure\\(\\)\\s*param bootstrapSecret string");
    }

    @Test
    void applicationInsights_isWorkspaceBased() {
        Resource insights = only("Microsoft.Insights/components");

        assertThat(insights.has("WorkspaceResourceId:\\s*logs\\.id")).isTrue();
        assertThat(only("Microsoft.OperationalInsights/workspaces")).isNotNull();
    }

    @Test
    void roleAssignments_areExactlyTheThreeDataRolesScopedToTheStorageAccount() {
        List<Resource> roles = ofType("Microsoft.Authorization/roleAssignments");

        assertThat(vars).containsEntry("storageBlobDataContributor", "ba92f5b4-2d11-453d-a403-e96b0029c9fe")
                .containsEntry("storageBlobDelegator", "db58b8e5-c6ad-4a2a-8342-4190687cbf4a")
                .containsEntry("storageTableDataContributor", "0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3");
        assertThat(roles).hasSize(3).allSatisfy(role -> {
            assertThat(role.has("^\\s*scope:\\s*storage\\s*$")).as(role.symbol() + " scope").isTrue();
            assertThat(role.has("principalId:\\s*app\\.identity\\.principalId")).as(role.symbol() + " principal").isTrue();
            assertThat(role.has("principalType:\\s*'ServicePrincipal'")).isTrue();
        });
        assertThat(roles.stream().map(BicepTemplateTest::roleVar).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("storageBlobDataContributor", "storageBlobDelegator", "storageTableDataContributor");
    }

    @Test
    void outputs_includeTheApiUrl() {
        assertThat(text).containsPattern("output apiUrl string = 'https://\\$\\{app\\.properties\\.defaultHostName\\}'");
    }

    private static String roleVar(Resource role) {
        Matcher m = Pattern.compile("roleDefinitions',\\s*(\\w+)\\)").matcher(role.body());
        assertThat(m.find()).as(role.symbol() + " names its role definition").isTrue();
        return m.group(1);
    }

    private static Resource only(String type) {
        List<Resource> found = ofType(type);
        assertThat(found).as(type).hasSize(1);
        return found.get(0);
    }

    private static List<Resource> ofType(String type) {
        return new ArrayList<>(resources.values().stream().filter(r -> r.type().equals(type)).toList());
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
        throw new IllegalStateException("unbalanced braces after index " + open + " in " + TEMPLATE);
    }
}
