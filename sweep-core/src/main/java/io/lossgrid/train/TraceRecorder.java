package io.lossgrid.train;

import java.util.Arrays;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

/**
 * Records a mini-batch trial's trace as it trains: a DL4J listener told of every gradient the optimizer computes,
 * before the updater rewrites it. Each call is one update: its score over α is the unscaled batch loss, and the
 * gradient (summed over the batch's examples, as DL4J holds it before dividing by the batch size) over the
 * batch size is the batch's mean gradient of the scaled loss. Stops recording after {@code limit} updates. The
 * runner says which epoch and batch size the next updates belong to ({@link #batch}); a full-batch runner, which
 * reads the same values with its own probe, hands them over with {@link #add} instead of listening.
 */
final class TraceRecorder extends BaseTrainingListener {
    private final double alpha;
    private final int limit;
    private int[] epoch;
    private double[] loss;
    private double[] gradNorm;
    private int rows;
    private int currentEpoch = 1;
    private int examples = 1;

    TraceRecorder(double alpha, int limit) {
        this.alpha = alpha;
        this.limit = limit;
        int capacity = Math.max(1, Math.min(limit, 1024));
        epoch = new int[capacity];
        loss = new double[capacity];
        gradNorm = new double[capacity];
    }

    /** The next updates belong to epoch {@code epoch} (from 1) and are computed from {@code examples} examples. */
    void batch(int epoch, int examples) {
        this.currentEpoch = epoch;
        this.examples = Math.max(1, examples);
    }

    /** True once {@code limit} updates are recorded. */
    boolean full() {
        return rows >= limit;
    }

    @Override
    public void onGradientCalculation(Model model) {
        if (!full()) {
            add(currentEpoch, model.score() / alpha, model.gradient().gradient().norm2Number().doubleValue() / examples);
        }
    }

    /** Records one update of epoch {@code e}, unless {@code limit} are recorded already. */
    void add(int e, double batchLoss, double norm) {
        if (full()) {
            return;
        }
        if (rows == epoch.length) {
            int grown = (int) Math.min(limit, 2L * rows);
            epoch = Arrays.copyOf(epoch, grown);
            loss = Arrays.copyOf(loss, grown);
            gradNorm = Arrays.copyOf(gradNorm, grown);
        }
        epoch[rows] = e;
        loss[rows] = batchLoss;
        gradNorm[rows] = norm;
        rows++;
    }

    /** What was recorded so far. */
    Trace trace() {
        return new Trace(Arrays.copyOf(epoch, rows), Arrays.copyOf(loss, rows), Arrays.copyOf(gradNorm, rows));
    }
}
