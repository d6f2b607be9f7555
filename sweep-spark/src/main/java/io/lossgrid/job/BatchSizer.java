package io.lossgrid.job;

/**
 * How many trials each batch takes. With a fixed size ({@code --batch-trials}) every batch takes it;
 * otherwise the first batch takes {@value #FIRST_PER_SLOT} trials per task slot, and each later one is
 * sized from the rate the last one measured to commit about every {@code commitSeconds}, between one
 * trial per slot and {@value #MAX} trials.
 *
 * @param fixed         trials per batch; 0 for automatic sizing
 * @param parallelism   task slots the batches are spread over
 * @param commitSeconds the aimed-for time between commits with automatic sizing
 */
record BatchSizer(int fixed, int parallelism, double commitSeconds) {
    static final int FIRST_PER_SLOT = 64;
    static final int MAX = 16_384;

    BatchSizer {
        if (fixed < 0) {
            throw new IllegalArgumentException("batch trials must be >= 0 (0 = automatic), found " + fixed);
        }
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be >= 1, found " + parallelism);
        }
        if (!(commitSeconds > 0)) {
            throw new IllegalArgumentException("commit seconds must be > 0, found " + commitSeconds);
        }
    }

    /** The size of the first batch. */
    int first() {
        return fixed > 0 ? fixed : parallelism * FIRST_PER_SLOT;
    }

    /** The size of the batch after one of {@code lastSize} trials that took {@code lastMs} from start to commit. */
    int next(int lastSize, long lastMs) {
        if (fixed > 0) {
            return fixed;
        }
        double perSecond = lastSize / Math.max(1e-3, lastMs / 1000.0);
        return (int) Math.max(parallelism, Math.min(MAX, perSecond * commitSeconds));
    }
}
