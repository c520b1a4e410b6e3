package io.skysync.client.transfer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TransferPoolTest {
    @Test
    void run_outcomesComeBackInInputOrder_whateverOrderTheyFinish() {
        List<Integer> items = IntStream.range(0, 40).boxed().toList();

        var outcomes = new TransferPool(8).run(items, i -> {
            Thread.sleep((40 - i) % 7);
            return i * 2;
        });

        assertThat(outcomes).extracting(TransferPool.Outcome::value)
                .containsExactlyElementsOf(items.stream().map(i -> i * 2).toList());
    }

    @Test
    void run_oneFailure_neverStopsTheOthers() {
        var outcomes = new TransferPool(3).run(List.of(1, 2, 3, 4), i -> {
            if (i == 2) {
                throw new IOException("disk gone");
            }
            return i;
        });

        assertThat(outcomes).extracting(TransferPool.Outcome::ok).containsExactly(true, false, true, true);
        assertThat(outcomes.get(1).error()).hasMessageContaining("disk gone");
    }

    @Test
    void run_neverMoreThanNAtOnce() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();

        new TransferPool(3).run(IntStream.range(0, 30).boxed().toList(), i -> {
            most.accumulateAndGet(running.incrementAndGet(), Math::max);
            Thread.sleep(2);
            seen.put(i, true);
            running.decrementAndGet();
            return i;
        });

        assertThat(most.get()).isBetween(1, 3);
        assertThat(seen).hasSize(30);
    }

    @Test
    void run_oneWorkerOrOneItem_runsOnTheCallingThread() {
        Thread caller = Thread.currentThread();

        var outcomes = new TransferPool(1).run(List.of(1), i -> Thread.currentThread() == caller);

        assertThat(outcomes.get(0).value()).isTrue();
        assertThat(new TransferPool(4).run(List.of(), i -> i)).isEmpty();
        assertThatThrownBy(() -> new TransferPool(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
