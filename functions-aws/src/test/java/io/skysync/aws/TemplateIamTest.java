package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.skysync.aws.IamActions.Grant;
import io.skysync.aws.ReachableAwsCalls.Operation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Each function's IAM statements in template.yaml grant exactly the actions its code needs: the
 * operations reachable from its handler ({@link ReachableAwsCalls}, read from the compiled classes)
 * mapped to IAM actions ({@link IamActions}), no more and no fewer, each on the resource it is
 * checked against.
 */
class TemplateIamTest {
    private static SamTemplate template;

    @BeforeAll
    static void parse() {
        template = SamTemplate.load();
    }

    @ParameterizedTest
    @ValueSource(strings = {"SyncFunction", "RetentionFunction"})
    void actions_equalTheSdkOperationsTheHandlerReaches(String function) {
        Set<String> granted = new TreeSet<>();
        template.statements(function).forEach(s -> SamTemplate.asList(s.get("Action")).forEach(a -> granted.add((String) a)));

        Set<String> needed = new TreeSet<>();
        needed(function).forEach(g -> needed.add(g.action()));

        assertThat(granted).as("%s: IAM actions in template.yaml vs. the SDK calls its code makes", function)
                .containsExactlyElementsOf(needed);
    }

    @ParameterizedTest
    @ValueSource(strings = {"SyncFunction", "RetentionFunction"})
    void everyAction_isGrantedOnTheResourceIamChecksItAgainst(String function) {
        for (Map<String, Object> statement : template.statements(function)) {
            assertThat(statement.get("Effect")).isEqualTo("Allow");
            List<Object> resources = List.copyOf(SamTemplate.asList(statement.get("Resource")));
            for (Object action : SamTemplate.asList(statement.get("Action"))) {
                Set<Object> expected = new HashSet<>();
                needed(function).stream().filter(g -> g.action().equals(action)).forEach(g -> expected.add(g.scope().resource));
                assertThat(resources).as("%s: resource of %s", function, action).containsExactlyInAnyOrderElementsOf(expected);
            }
        }
    }

    /** The grants the function's handler needs, failing on an SDK operation IamActions does not know. */
    private static List<Grant> needed(String function) {
        String handler = (String) template.properties(function).get("Handler");
        Set<Operation> operations = ReachableAwsCalls.from(handler.substring(0, handler.indexOf("::")),
                handler.substring(handler.indexOf("::") + 2));
        List<Grant> grants = new ArrayList<>();
        List<Operation> unknown = new ArrayList<>();
        for (Operation operation : operations) {
            Optional<Set<Grant>> g = IamActions.of(operation);
            g.ifPresentOrElse(grants::addAll, () -> unknown.add(operation));
        }
        assertThat(unknown).as("%s calls SDK operations IamActions does not map; add their IAM actions", function).isEmpty();
        return grants;
    }
}
