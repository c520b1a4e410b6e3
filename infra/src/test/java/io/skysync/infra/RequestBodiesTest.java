package io.skysync.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;

class RequestBodiesTest {

    @Test
    void readAtMost_bodyAtTheLimit_isReadWhole() throws Exception {
        byte[] body = new byte[100_000];
        body[99_999] = 7;

        assertThat(RequestBodies.readAtMost(new ByteArrayInputStream(body), 100_000)).hasValueSatisfying(b -> assertThat(b).isEqualTo(body));
    }

    @Test
    void readAtMost_bodyOverTheLimit_isEmpty() throws Exception {
        assertThat(RequestBodies.readAtMost(new ByteArrayInputStream(new byte[100_001]), 100_000)).isEmpty();
    }
}
