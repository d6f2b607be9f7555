package io.lossgrid.job;

/**
 * How many trials each batch takes. With a fixed size ({@code --batch-trials}) every batch takes it;
 * otherwise the first batch takes {@value #FIRST_PER_SLOT} trials per task slot, and each later one is
 * sized from the rate the last one measured to commit about every {@code --commit-seconds}, between one
 * trial per slot and {@value #MAX} trials.
 *
 * @param options     the run's options: its fixed batch size or commit interval (validated there)
 * @param parallelism task slots the batches are spread over
 */
record BatchSizer(RunOptions options, int parallelism) {
    static final int FIRST_PER_SLOT = 64;
    static final int MAX = 16_384;

    BatchSizer {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, found " + parallelism);
        }
    }

    /** The size of the first batch. */
    int first() {
        return options.batchTrials() > 0 ? options.batchTrials() : parallelism * FIRST_PER_SLOT;
    }

    /** The size of the batch after one of {@code lastSize} trials that took {@code lastMs} from start to commit. */
    int next(int lastSize, long lastMs) {
        if (options.batchTrials() > 0) {
            return options.batchTrials();
        }
        double perSecond = lastSize / Math.max(1e-3, lastMs / 1000.0);
        return (int) Math.max(parallelism, Math.min(MAX, perSecond * options.commitSeconds()));
    }
}
