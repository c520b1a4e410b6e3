package io.skysync.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import org.junit.jupiter.api.Test;

/** The warm-up's threads: what fails there is not lost to the main thread. */
class StartupWarmupTest {
    /** A class whose static initializer fails, as a library's would in a broken install. */
    static final class BrokenInit {
        static final int VALUE = fail();

        private static int fail() {
            throw new IllegalStateException("the library's own error");
        }
    }

    @Test
    void explained_aStaticInitializerThatFailedOnTheWarmUp_namesItsError() throws Exception {
        StartupWarmup warmup = new StartupWarmup();
        warmup.run("test-warm-up", () -> Class.forName(BrokenInit.class.getName(), true, BrokenInit.class.getClassLoader()))
                .join();

        Throwable met = catchThrowable(() -> assertThat(BrokenInit.VALUE).isZero());

        assertThat(met).isInstanceOf(NoClassDefFoundError.class);
        assertThat(warmup.explained(met).getSuppressed()).singleElement()
                .satisfies(s -> assertThat(s).isInstanceOf(ExceptionInInitializerError.class)
                        .hasRootCauseMessage("the library's own error"));
    }

    @Test
    void explained_nothingFailed_isTheErrorAsItIs() throws Exception {
        StartupWarmup warmup = new StartupWarmup();
        warmup.run("test-warm-up", () -> { }).join();
        LinkageError error = new LinkageError("elsewhere");

        assertThat(warmup.explained(error)).isSameAs(error);
        assertThat(error.getSuppressed()).isEmpty();
    }
}
