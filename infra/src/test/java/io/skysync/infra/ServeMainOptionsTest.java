package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServeMainOptionsTest {

    @Test
    void parse_allOptions_areRead() {
        ServeMain.Options options = ServeMain.Options.parse(new String[] {"--port", "8787", "--data", "d", "--cloud", "AZURE",
                "--idle-stop", "600"});

        assertThat(options).isEqualTo(new ServeMain.Options(Path.of("d"), 8787, "azure", Duration.ofMinutes(10)));
    }

    @Test
    void parse_onlyData_defaultsToAnyPortAndAws() {
        assertThat(ServeMain.Options.parse(new String[] {"--data", "d"})).isEqualTo(new ServeMain.Options(Path.of("d"), 0, "aws", null));
    }

    @Test
    void parse_badInput_isRefusedWithTheReason() {
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {})).hasMessageContaining("--data DIR is required");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--data", "d", "--port", "70000"})).hasMessageContaining("0..65535");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--data", "d", "--cloud", "gcp"})).hasMessageContaining("aws or azure");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--data"})).hasMessageContaining("missing value after --data");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--data", "d", "--idle-stop", "0"})).hasMessageContaining("1 or more");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--data", "d", "--idle-stop", "soon"})).hasMessageContaining("seconds");
        assertThatThrownBy(() -> ServeMain.Options.parse(new String[] {"--verbose", "x"})).hasMessageContaining("unknown option --verbose");
    }
}
