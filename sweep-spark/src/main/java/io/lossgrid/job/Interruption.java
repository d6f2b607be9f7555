package io.lossgrid.job;

import java.util.concurrent.atomic.AtomicInteger;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT) during a run, turned from the JVM's abrupt shutdown into an orderly stop: the first
 * SIGINT sets {@link #requested} and cancels the batch in flight ({@code onInterrupt}), so the driver's
 * loop ends after what is committed; a second one halts the JVM at once with status 130. The handler the
 * JVM had is put back on {@link #close}.
 */
final class Interruption implements AutoCloseable {
    private final AtomicInteger signals = new AtomicInteger();
    private final Signal sigint;
    private final SignalHandler previous;

    private Interruption(Runnable onInterrupt, boolean install) {
        this.sigint = install ? new Signal("INT") : null;
        this.previous = install ? Signal.handle(sigint, s -> {
            if (signals.incrementAndGet() > 1) {
                Runtime.getRuntime().halt(RunHalted.INTERRUPTED);
            }
            onInterrupt.run();
        }) : null;
    }

    /**
     * Handles SIGINT for this run: {@code onInterrupt} runs (on the signal thread) at the first one. Where the
     * JVM keeps SIGINT to itself ({@code -Xrs}, or an embedding that reserved it), the run is not interruptible
     * this way and Ctrl-C does what the JVM does.
     */
    static Interruption onSigint(Runnable onInterrupt) {
        try {
            return new Interruption(onInterrupt, true);
        } catch (IllegalArgumentException reserved) {
            return none();
        }
    }

    /** No signal handling: {@link #requested} stays false (for runs embedded in a test or another program). */
    static Interruption none() {
        return new Interruption(() -> { }, false);
    }

    /** True once SIGINT has arrived. */
    boolean requested() {
        return signals.get() > 0;
    }

    @Override
    public void close() {
        if (sigint != null) {
            Signal.handle(sigint, previous);
        }
    }
}
