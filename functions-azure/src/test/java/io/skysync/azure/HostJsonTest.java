package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * host.json: one time-out for every function of the app. It must let the daily clean-up run as
 * long as it may on AWS (template.yaml gives RetentionFunction its budget), and still be finite,
 * so that no invocation, an HTTP one included, can run without end.
 */
class HostJsonTest {
    private static final Duration FLEX_CONSUMPTION_DEFAULT = Duration.ofMinutes(30);

    @Test
    void functionTimeout_coversTheCleanupBudgetAndStaysFinite() throws IOException {
        JsonNode host = new ObjectMapper().readTree(Files.readString(Path.of("host.json")));
        Duration timeout = Duration.ofSeconds(LocalTime.parse(host.get("functionTimeout").asText()).toSecondOfDay());

        assertThat(timeout).as("the clean-up's budget on AWS").isGreaterThanOrEqualTo(awsCleanupBudget());
        assertThat(timeout).isPositive().isLessThanOrEqualTo(FLEX_CONSUMPTION_DEFAULT);
        assertThat(host.at("/extensions/http/routePrefix").asText("missing")).isEmpty();
    }

    private static Duration awsCleanupBudget() throws IOException {
        String template = Files.readString(Path.of("..", "template.yaml"));
        Matcher m = Pattern.compile("(?ms)^  RetentionFunction:\\n.*?^      Timeout: (\\d+)").matcher(template);
        assertThat(m.find()).as("template.yaml gives RetentionFunction a Timeout").isTrue();
        return Duration.ofSeconds(Long.parseLong(m.group(1)));
    }
}
