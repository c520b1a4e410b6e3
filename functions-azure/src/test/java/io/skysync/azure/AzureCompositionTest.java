package io.skysync.azure;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class AzureCompositionTest {

    @Test
    void fromEnvironment_withoutTable_saysWhichSettingIsMissing() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_CONTAINER", "c")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKYSYNC_TABLE");
    }

    @Test
    void fromEnvironment_blankContainer_countsAsMissing() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t", "SKYSYNC_CONTAINER", "  ")))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("SKYSYNC_CONTAINER");
    }

    @Test
    void fromEnvironment_neitherAccountNorConnection_namesBothWays() {
        assertThatThrownBy(() -> AzureComposition.fromEnvironment(Map.of("SKYSYNC_TABLE", "t", "SKYSYNC_CONTAINER", "c")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SKYSYNC_STORAGE_ACCOUNT").hasMessageContaining("SKYSYNC_STORAGE_CONNECTION");
    }
}
