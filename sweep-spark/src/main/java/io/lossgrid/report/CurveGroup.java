package io.lossgrid.report;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The loss curves of one configuration (one α and learning rate, say) over its seeds, drawn as their median
 * with a band from the lowest to the highest seed, each seed also available as its own line.
 *
 * <p>At each epoch the median and the band are taken over the seeds whose loss there is finite and positive
 * (what a log axis can show): a seed that diverged leaves the statistics from the epoch its curve stops.
 *
 * @param label  names the configuration in the legend, e.g. {@code α=10, lr=1e-3}
 * @param dashed whether the median is drawn dashed (to tell apart lines that lie on top of each other)
 * @param seeds  the curves, one per seed, in seed order; at least one, seeds distinct
 */
record CurveGroup(String label, boolean dashed, List<SeedCurve> seeds) {
    CurveGroup {
        if (label == null || label.isBlank()) {
            throw new IllegalArgumentException("report curve group: label must name the configuration, found "
                    + (label == null ? "none" : "a blank label"));
        }
        if (seeds == null || seeds.isEmpty()) {
            throw new IllegalArgumentException("report curve group '" + label
                    + "': seeds must hold at least one curve, found none");
        }
        Set<Long> seen = new HashSet<>();
        for (SeedCurve c : seeds) {
            if (!seen.add(c.seed())) {
                throw new IllegalArgumentException("report curve group '" + label + "': seeds must be distinct, found seed "
                        + c.seed() + " twice");
            }
        }
        seeds = List.copyOf(seeds);
    }

    /** The number of epochs the longest seed's curve covers, epoch 0 included. */
    int length() {
        return seeds.stream().mapToInt(s -> s.loss().length).max().orElse(0);
    }

    /** The median over the seeds at each epoch; NaN where no seed has a finite, positive loss. */
    double[] median() {
        return median(YAxis.LOSS);
    }

    /** The lowest seed's loss at each epoch; NaN where no seed has a finite, positive loss. */
    double[] low() {
        return low(YAxis.LOSS);
    }

    /** The highest seed's loss at each epoch; NaN where no seed has a finite, positive loss. */
    double[] high() {
        return high(YAxis.LOSS);
    }

    /** The median over the seeds at each epoch of the values {@code axis} can draw; NaN where no seed has one. */
    double[] median(YAxis axis) {
        return perEpoch(Stat.MEDIAN, axis);
    }

    /** The lowest seed's value at each epoch among those {@code axis} can draw; NaN where no seed has one. */
    double[] low(YAxis axis) {
        return perEpoch(Stat.LOW, axis);
    }

    /** The highest seed's value at each epoch among those {@code axis} can draw; NaN where no seed has one. */
    double[] high(YAxis axis) {
        return perEpoch(Stat.HIGH, axis);
    }

    /** True where a value can be drawn on a log axis. */
    static boolean drawable(double v) {
        return YAxis.LOSS.drawable(v);
    }

    private enum Stat { MEDIAN, LOW, HIGH }

    private double[] perEpoch(Stat stat, YAxis axis) {
        int n = length();
        double[] out = new double[n];
        double[] values = new double[seeds.size()];
        for (int e = 0; e < n; e++) {
            int k = 0;
            for (SeedCurve s : seeds) {
                double v = s.at(e);
                if (axis.drawable(v)) {
                    values[k++] = v;
                }
            }
            if (k == 0) {
                out[e] = Double.NaN;
                continue;
            }
            double[] sorted = Arrays.copyOf(values, k);
            Arrays.sort(sorted);
            out[e] = switch (stat) {
                case LOW -> sorted[0];
                case HIGH -> sorted[k - 1];
                case MEDIAN -> k % 2 == 1 ? sorted[k / 2] : (sorted[k / 2 - 1] + sorted[k / 2]) / 2;
            };
        }
        return out;
    }
}
