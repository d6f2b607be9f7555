package io.lossgrid.job;

import io.lossgrid.train.Trainer;

/**
 * How much memory a trial's curves take, and so how many trials a task may train and hold at once. A
 * trial records, per epoch, its loss and gradient norm (two doubles) in the runner's curve and again in its
 * result until its rows are written: {@value #BYTES_PER_EPOCH} bytes per epoch. A task trains its trials
 * in chunks of at most {@link #maxPack} and hands each chunk's rows on before training the next, so what a
 * task holds is bounded by one chunk, whatever the batch size. A traced trial ({@code training.trace}) also
 * records, per traced update, its epoch (an int) and its batch loss and gradient norm (two doubles), in the
 * recorder and in its result: {@value #BYTES_PER_TRACED_UPDATE} bytes per update.
 *
 * @param epochs  epochs per trial (the spec's {@code training.epochs})
 * @param traced  updates each trial traces at most (the spec's {@code training.trace.iterations}; 0 without a trace)
 * @param maxHeap the JVM's heap limit ({@link Runtime#maxMemory()})
 * @param slots   tasks that may train at once in this JVM
 */
record TrialMemory(int epochs, int traced, long maxHeap, int slots) {
    /** Loss and gradient norm as doubles, in the runner's curve and in the result: 2 × 2 × 8 bytes. */
    static final long BYTES_PER_EPOCH = 32;
    /** Epoch, batch loss and gradient norm of a traced update, in the recorder and in the result: 2 × (4 + 8 + 8) bytes. */
    static final long BYTES_PER_TRACED_UPDATE = 40;
    /** The share of the heap a task's curves may take: a quarter of its slot's share, the rest is Spark's and ND4J's. */
    static final int HEADROOM = 4;

    TrialMemory {
        if (epochs < 1) {
            throw new IllegalArgumentException("epochs must be >= 1, found " + epochs);
        }
        if (traced < 0) {
            throw new IllegalArgumentException("traced must be >= 0, found " + traced);
        }
        if (maxHeap < 1) {
            throw new IllegalArgumentException("maxHeap must be >= 1, found " + maxHeap);
        }
        if (slots < 1) {
            throw new IllegalArgumentException("slots must be >= 1, found " + slots);
        }
    }

    /** Untraced trials. */
    TrialMemory(int epochs, long maxHeap, int slots) {
        this(epochs, 0, maxHeap, slots);
    }

    /** This JVM: its heap limit, and one task slot per core. */
    static TrialMemory here(int epochs, int traced) {
        return new TrialMemory(epochs, traced, Runtime.getRuntime().maxMemory(), Runtime.getRuntime().availableProcessors());
    }

    /**
     * Bytes one trial's curves take: (epochs + 1) recorded epochs × {@value #BYTES_PER_EPOCH}, plus its traced
     * updates × {@value #BYTES_PER_TRACED_UPDATE}.
     */
    long trialBytes() {
        return (epochs + 1L) * BYTES_PER_EPOCH + (long) traced * BYTES_PER_TRACED_UPDATE;
    }

    /** Bytes a task's curves may take: the heap over slots, over {@value #HEADROOM}. */
    long taskBudget() {
        return maxHeap / slots / HEADROOM;
    }

    /** Trials a task trains and holds at once: as many as its budget holds, at least 1, at most {@link Trainer#DEFAULT_MAX_PACK}. */
    int maxPack() {
        return (int) Math.max(1, Math.min(Trainer.DEFAULT_MAX_PACK, taskBudget() / trialBytes()));
    }

    /**
     * The bytes one pack of networks may take when {@code --pack-bytes} does not say: a task's budget
     * ({@link #taskBudget}, a quarter of its slot's share of the heap, which also bounds ND4J's off-heap arrays),
     * at most {@link Trainer#DEFAULT_PACK_BYTES}, at least 1 MiB.
     */
    long packBytes() {
        return Math.max(1L << 20, Math.min(Trainer.DEFAULT_PACK_BYTES, taskBudget()));
    }

    /** For a FAILED trial's error: what its curves needed against the task's budget. */
    String describe() {
        return String.format(java.util.Locale.ROOT, "a trial of %d epochs needs %.1f MiB for its curves; a task's share"
                + " of the %.0f MiB heap is %.1f MiB", epochs, trialBytes() / 1048576.0, maxHeap / 1048576.0,
                taskBudget() / 1048576.0);
    }
}
