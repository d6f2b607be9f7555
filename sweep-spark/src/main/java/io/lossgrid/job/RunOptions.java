package io.lossgrid.job;

/**
 * How a sweep run treats its output directory and how it batches its work.
 *
 * @param out          the results directory
 * @param mode         what to do with results already in {@code out}
 * @param batchTrials  trials per commit batch; 0 sizes batches from the measured rate ({@code commitSeconds})
 * @param commitSeconds the aimed-for time between commits when batches are sized automatically
 * @param tasksPerCore Spark tasks per core in each batch (more balance the load, fewer cost less overhead)
 * @param packing      train alike linear full-batch trials together (same curves to float rounding, faster)
 */
public record RunOptions(String out, Mode mode, int batchTrials, double commitSeconds, int tasksPerCore,
                         boolean packing) {
    public static final double DEFAULT_COMMIT_SECONDS = 15;
    public static final int DEFAULT_TASKS_PER_CORE = 2;

    /** What to do with an output directory that already holds results. */
    public enum Mode {
        /** Refuse a directory that holds anything. */
        FRESH,
        /** Finish an interrupted sweep: train only trials not yet committed; the spec must match. */
        RESUME,
        /** Delete what the directory holds and start again. */
        OVERWRITE,
        /** Train again the FAILED trials of a finished or interrupted sweep, and any not yet committed. */
        RERUN_FAILED
    }

    public RunOptions {
        if (batchTrials < 0) {
            throw new IllegalArgumentException("batch trials must be >= 0 (0 = automatic), found " + batchTrials);
        }
        if (!(commitSeconds > 0)) {
            throw new IllegalArgumentException("commit seconds must be > 0, found " + commitSeconds);
        }
        if (tasksPerCore < 1) {
            throw new IllegalArgumentException("tasks per core must be >= 1, found " + tasksPerCore);
        }
    }

    public static RunOptions defaults(String out) {
        return new RunOptions(out, Mode.FRESH, 0, DEFAULT_COMMIT_SECONDS, DEFAULT_TASKS_PER_CORE, true);
    }

    public RunOptions withMode(Mode m) {
        return new RunOptions(out, m, batchTrials, commitSeconds, tasksPerCore, packing);
    }

    public RunOptions withBatchTrials(int n) {
        return new RunOptions(out, mode, n, commitSeconds, tasksPerCore, packing);
    }
}
