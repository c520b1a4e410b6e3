package io.skysync.client.remote;

import static org.assertj.core.api.Assertions.assertThatCode;

import org.junit.jupiter.api.Test;

/** The start-up's warm-up: a sample it cannot read would leave the first plan call to set everything up again. */
class ApiWarmupTest {
    @Test
    void json_roundTripsAPlanRequestAndAnEmptyPlanAnswer() {
        assertThatCode(ApiWarmup::json).doesNotThrowAnyException();
    }

    @Test
    void http_setsUpOkHttpAndTheIdentityHmacWithoutTouchingTheNetwork() {
        assertThatCode(ApiWarmup::http).doesNotThrowAnyException();
    }
}
