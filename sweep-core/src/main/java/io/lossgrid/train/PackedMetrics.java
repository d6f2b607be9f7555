package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.loss.LogitLoss;
import io.lossgrid.metrics.Classification;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.spec.TrainingSpec;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The epoch metrics of a pack's trials ({@link EpochMetrics}), as {@link ValidationProbe} records them for a
 * trial alone, at the parameters of each row: a classifier's accuracy on the training data, from the logits
 * of the pass that gave the row ({@link Classification#ofLogits}), and with a validation set its loss and
 * predictions, from one forward pass over it. A softmax classifier's outputs are the softmax of its logits (in
 * double), a one-output classifier's its logit.
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

    /**
     * Appends a row to every live trial's metrics, after a pass over the n training examples whose head read the
     * logits {@code logits} ({@link PackedHead#apply}: a classifier's head always does).
     */
    void record(StackedMlp net, PackedHead head, double[] logits, int n, boolean[] live) {
        if (!active) {
            return;
        }
        double[] valLoss = null;
        double[] val = null;
        if (validation != null) {
            valLoss = new double[live.length];
            val = net.evaluate(valX, valLabels, head, valLoss);
        }
        for (int t = 0; t < live.length; t++) {
            if (live[t]) {
                recorders[t].add(valLoss == null ? Double.NaN : valLoss[t],
                        classes > 0 ? Classification.ofLogits(logits, t * n * outputs, data.y(), outputs) : null,
                        classes > 0 && val != null ? classify(val, t, validation.rows(), validation.y()) : null);
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

    /**
     * Trial t's predictions from the logits of its {@code n} rows: a one-output classifier's logit, a softmax
     * classifier's probabilities (the network's outputs, which a two-class AUC ranks).
     */
    private Classification classify(double[] logits, int t, int n, float[] labels) {
        int m = outputs;
        if (m == 1) {
            return Classification.of(logits, 1, t * n, labels, 1);
        }
        double[] p = new double[n * m];
        double[] logp = new double[m];
        double[] row = new double[m];
        for (int i = 0; i < n; i++) {
            LogitLoss.softmax(logits, t * n + i, m, logp, row);
            System.arraycopy(row, 0, p, i * m, m);
        }
        return Classification.of(p, labels, m);
    }
}
