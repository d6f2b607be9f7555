package io.lossgrid.job;

import io.lossgrid.store.RunMode;

/**
 * How a sweep run treats its output directory and how it batches its work.
 *
 * @param out          the results directory
 * @param mode         what to do with results already in {@code out}
 * @param batchTrials  trials per commit batch; 0 sizes batches from the measured rate ({@code commitSeconds})
 * @param commitSeconds the aimed-for time between commits when batches are sized automatically
 * @param tasksPerCore Spark tasks per core in each batch (more balance the load, fewer cost less overhead)
 * @param packing      train alike trials together (same curves to float rounding, faster)
 * @param packBytes    the most bytes one pack of networks may take ({@code --pack-bytes}); 0 sizes it to each
 *                     executor's memory share ({@link TrialMemory#packBytes})
 */
public record RunOptions(String out, RunMode mode, int batchTrials, double commitSeconds, int tasksPerCore,
                         boolean packing, long packBytes) {
    public static final double DEFAULT_COMMIT_SECONDS = 15;
    public static final int DEFAULT_TASKS_PER_CORE = 2;

    public RunOptions {
        if (mode == null) {
            throw new IllegalArgumentException("run mode must be one of " + java.util.Arrays.toString(RunMode.values())
                    + ", found none");
        }
        if (batchTrials < 0) {
            throw new IllegalArgumentException("batch trials must be >= 0 (0 = automatic), found " + batchTrials);
        }
        if (!(commitSeconds > 0)) {
            throw new IllegalArgumentException("commit seconds must be > 0, found " + commitSeconds);
        }
        if (tasksPerCore < 1) {
            throw new IllegalArgumentException("tasks per core must be >= 1, found " + tasksPerCore);
        }
        if (packBytes < 0) {
            throw new IllegalArgumentException("pack bytes must be >= 0 (0 = sized to the executor), found " + packBytes);
        }
    }

    /** Options whose packs of networks are sized to each executor's memory share. */
    public RunOptions(String out, RunMode mode, int batchTrials, double commitSeconds, int tasksPerCore,
                      boolean packing) {
        this(out, mode, batchTrials, commitSeconds, tasksPerCore, packing, 0);
    }

    /** A fresh run into {@code out} with automatic batches, the default tasks per core, packing on. */
    public static RunOptions defaults(String out) {
        return new RunOptions(out, RunMode.FRESH, 0, DEFAULT_COMMIT_SECONDS, DEFAULT_TASKS_PER_CORE, true);
    }
}
