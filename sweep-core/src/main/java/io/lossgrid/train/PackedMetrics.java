package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.metrics.Classification;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.spec.TrainingSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The epoch metrics of a pack's trials ({@link EpochMetrics}), as {@link ValidationProbe} records them for a
 * trial alone, at the parameters of each row: a classifier's accuracy on the training data, from the logits
 * of the pass that gave the row, and with a validation set its loss and predictions, from one forward pass
 * over it. A softmax classifier's outputs are the softmax of its logits (in double), a one-output
 * classifier's its logit.
 */
final class PackedMetrics {
    private final EpochMetrics.Recorder[] recorders;
    private final TrainingData data;
    private final TrainingData validation;
    private final INDArray valX;
    private final PackedHead.Labels valLabels;
    private final int classes;
    private final int outputs;
    private final boolean active;

    private PackedMetrics(TrainingData data, TrainingSpec training, int k) {
        this.data = data;
        this.validation = data.validation();
        this.classes = ValidationProbe.classes(data.loss(), data.outputs());
        this.outputs = data.outputs();
        recorders = new EpochMetrics.Recorder[k];
        for (int t = 0; t < k; t++) {
            recorders[t] = new EpochMetrics.Recorder(validation != null, classes, training.epochs() + 1);
        }
        active = recorders[0].active();
        if (validation != null) {
            DataSet set = validation.dataSet(training.dataType());
            valX = set.getFeatures();
            valLabels = PackedHead.Labels.of(set.getLabels(), k);
        } else {
            valX = null;
            valLabels = null;
        }
    }

    static PackedMetrics of(TrainingData data, TrainingSpec training, int k) {
        return new PackedMetrics(data, training, k);
    }

    /** Appends a row to every live trial's metrics, after a pass over the n training examples. */
    void record(StackedMlp net, PackedHead head, int n, boolean[] live) {
        if (!active) {
            return;
        }
        double[] train = classes > 0 ? Buffers.read(net.logits(n)) : null;
        double[] valLoss = null;
        double[] val = null;
        if (validation != null) {
            valLoss = new double[live.length];
            INDArray logits = net.evaluate(valX, valLabels, head, valLoss);
            val = classes > 0 ? Buffers.read(logits) : null;
        }
        for (int t = 0; t < live.length; t++) {
            if (live[t]) {
                recorders[t].add(valLoss == null ? Double.NaN : valLoss[t],
                        train == null ? null : Classification.of(outputs(train, t, n), data.y(), outputs),
                        val == null ? null : Classification.of(outputs(val, t, validation.rows()), validation.y(),
                                outputs));
            }
        }
    }

    /** Trial t's metrics of its curve's {@code rows} rows, or null when it records none. */
    EpochMetrics finish(int t, int rows) {
        return recorders[t].finish(rows);
    }

    /** Appends the row of a trial stopped at NaN or infinite parameters. */
    void recordEmpty(int t) {
        if (active) {
            recorders[t].addEmpty();
        }
    }

    /** Trial t's outputs, {@code n x m} row-major, from stacked logits {@code [K, m, n]}. */
    private double[] outputs(double[] stacked, int t, int n) {
        int m = outputs;
        double[] rows = new double[n * m];
        for (int j = 0; j < m; j++) {
            int from = (t * m + j) * n;
            for (int i = 0; i < n; i++) {
                rows[i * m + j] = stacked[from + i];
            }
        }
        if (m > 1) {
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int j = 0; j < m; j++) {
                    max = Math.max(max, rows[i * m + j]);
                }
                double sum = 0;
                for (int j = 0; j < m; j++) {
                    rows[i * m + j] = Math.exp(rows[i * m + j] - max);
                    sum += rows[i * m + j];
                }
                for (int j = 0; j < m; j++) {
                    rows[i * m + j] /= sum;
                }
            }
        }
        return rows;
    }
}
