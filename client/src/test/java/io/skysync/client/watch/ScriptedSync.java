package io.skysync.client.watch;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.LongSupplier;

/** A {@link SyncOnce} that plays a script of outcomes and records when each sync ran. */
final class ScriptedSync implements SyncOnce {
    static final Round QUIET = new Round(false, List.of(), List.of(), "up to date");
    static final Round BUSY = new Round(true, List.of(), List.of(), "sent 1 file(s)");

    private final LongSupplier clock;
    private final Deque<Object> script = new ArrayDeque<>();
    final List<Long> runs = new ArrayList<>();
    volatile long cursor;
    boolean closed;

    ScriptedSync(LongSupplier clock) {
        this.clock = clock;
    }

    /**
     * Each item a {@link Round} to answer, an {@link Exception} to throw, or a {@link Callable} to
     * call (a sync with a side effect); after the script, quiet rounds.
     */
    ScriptedSync then(Object... outcomes) {
        script.addAll(List.of(outcomes));
        return this;
    }

    @Override
    public Round run() throws Exception {
        runs.add(clock.getAsLong());
        Object next = script.isEmpty() ? QUIET : script.poll();
        if (next instanceof Exception e) {
            throw e;
        }
        if (next instanceof Callable<?> call) {
            return (Round) call.call();
        }
        return (Round) next;
    }

    @Override
    public long cursor() {
        return cursor;
    }

    @Override
    public void close() {
        closed = true;
    }
}
