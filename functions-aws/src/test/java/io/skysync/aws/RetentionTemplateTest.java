package io.skysync.aws;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The clean-up function in template.yaml, read as text (TemplateTest parses the whole template):
 * its handler exists and it runs daily. Its IAM is checked against its code by TemplateIamTest.
 */
class RetentionTemplateTest {
    private static String function;

    @BeforeAll
    static void read() throws IOException {
        String template = Files.readString(Path.of("..", "template.yaml"));
        // From "  RetentionFunction:" to the next resource at the same indentation.
        Matcher block = Pattern.compile("(?ms)^  RetentionFunction:\\n(.*?)(?=^  \\S)").matcher(template);
        assertThat(block.find()).as("template.yaml defines RetentionFunction").isTrue();
        function = block.group(1);
    }

    @Test
    void handler_isRetentionHandlerWithANoArgConstructor() throws Exception {
        Matcher handler = Pattern.compile("Handler: (\\S+)::handleRequest").matcher(function);
        assertThat(handler.find()).isTrue();
        Class<?> type = Class.forName(handler.group(1));

        assertThat(type).isEqualTo(RetentionHandler.class);
        assertThat(RequestHandler.class).isAssignableFrom(type);
        assertThat(type.getConstructor()).isNotNull();
    }

    @Test
    void schedule_daily() {
        assertThat(function).contains("Type: Schedule").contains("Schedule: rate(1 day)");
    }
}
