package io.skysync.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.skysync.domain.Seq;
import io.skysync.domain.VaultId;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class InProcessHeadWatchTest {
    private static final VaultId VAULT = new VaultId("notes");
    private static final Duration LONG = Duration.ofSeconds(30);
    private final ExecutorService threads = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        threads.shutdownNow();
    }

    @Test
    void awaitPast_headAlreadyPast_answersAtOnce() {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        heads.moved(VAULT, Seq.of(5));

        assertThat(heads.awaitPast(VAULT, Seq.of(4), LONG)).isTrue();
        assertThat(heads.waiting()).isZero();
    }

    @Test
    void awaitPast_zeroTimeoutAndNoMove_answersFalseAtOnce() {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        heads.moved(VAULT, Seq.of(5));

        assertThat(heads.awaitPast(VAULT, Seq.of(5), Duration.ZERO)).isFalse();
    }

    @Test
    void moved_anOlderSeq_doesNotLowerTheHead() {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        heads.moved(VAULT, Seq.of(9));
        heads.moved(VAULT, Seq.of(3));

        assertThat(heads.awaitPast(VAULT, Seq.of(8), Duration.ZERO)).isTrue();
    }

    @Test
    void awaitPast_woken_whenACommitMovesTheHead() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> heads.awaitPast(VAULT, Seq.ZERO, LONG), threads);
        awaitWaiters(heads, 1);

        heads.moved(VAULT, Seq.of(1));

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void awaitPast_beyondMaxWaiters_answersAtOnceWithoutWaiting() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 1);
        CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> heads.awaitPast(VAULT, Seq.ZERO, LONG), threads);
        awaitWaiters(heads, 1);

        assertThat(heads.awaitPast(VAULT, Seq.ZERO, LONG)).as("the second is turned away").isFalse();
        heads.moved(VAULT, Seq.of(1));
        assertThat(first.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void close_wakesWaitersAndLaterWaitsAnswerAtOnce() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        CompletableFuture<Boolean> waiter = CompletableFuture.supplyAsync(() -> heads.awaitPast(VAULT, Seq.ZERO, LONG), threads);
        awaitWaiters(heads, 1);

        heads.close();

        assertThat(waiter.get(20, TimeUnit.SECONDS)).isFalse();
        assertThat(heads.awaitPast(VAULT, Seq.ZERO, LONG)).isFalse();
    }

    @Test
    void awaitPast_interrupted_answersFalseAndKeepsTheFlag() throws Exception {
        InProcessHeadWatch heads = new InProcessHeadWatch(LONG, 4);
        CompletableFuture<Boolean> flagKept = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            boolean moved = heads.awaitPast(VAULT, Seq.ZERO, LONG);
            flagKept.complete(!moved && Thread.currentThread().isInterrupted());
        });
        thread.start();
        awaitWaiters(heads, 1);

        thread.interrupt();

        assertThat(flagKept.get(20, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void grant_capsAtMaxWait() {
        InProcessHeadWatch heads = new InProcessHeadWatch(Duration.ofSeconds(25), 4);

        assertThat(heads.grant(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(25));
        assertThat(heads.grant(Duration.ofSeconds(3))).isEqualTo(Duration.ofSeconds(3));
        assertThat(HeadWatch.NONE.grant(Duration.ofSeconds(3))).isZero();
        assertThatThrownBy(() -> new InProcessHeadWatch(Duration.ofSeconds(-1), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void awaitWaiters(InProcessHeadWatch heads, int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (heads.waiting() < count) {
            assertThat(System.nanoTime()).as("a caller started waiting").isLessThan(deadline);
            Thread.sleep(5);
        }
    }
}
