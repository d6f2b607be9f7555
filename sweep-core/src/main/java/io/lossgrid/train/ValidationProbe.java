package io.lossgrid.train;

import io.lossgrid.data.TrainingData;
import io.lossgrid.loss.Loss;
import io.lossgrid.metrics.Classification;
import io.lossgrid.metrics.EpochMetrics;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.lossfunctions.ILossFunction;

/**
 * Records a network's {@link EpochMetrics} row at its current parameters: one forward pass over the
 * validation set gives its loss (the unscaled loss function on the output layer's pre-activations, summed
 * over examples and divided by their count, as the network scores) and its predictions; a classifier's
 * training accuracy comes from the logits of the pass that gives the row ({@link #measure}, the pass with
 * {@link #listener} attached, {@link #complete}), or, for a network whose training pass is not its inference pass
 * ({@link RowLogits#exact}), from one forward pass over the training data of its own. A {@code chunk} above 0 runs the passes that many examples
 * at a time (a cnn's activations are many times its inputs).
 */
final class ValidationProbe {
    private final EpochMetrics.Recorder recorder;
    private final TrainingData data;
    private final TrainingData validation;
    private final INDArray trainX;
    private final INDArray valX;
    private final INDArray valY;
    private final ILossFunction loss;
    private final IActivation activation;
    private final int chunk;
    /** Collects the training logits of the row's pass; null where the probe takes a forward pass of its own. */
    private final RowLogits rowLogits;
    /** The row {@link #measure} began, until {@link #complete} appends it. */
    private Pending pending;

    private record Pending(double valLoss, Classification train, Classification val) {
    }

    /**
     * @param net    the trial's network
     * @param trainX the training inputs the runner already holds in {@code type} (not copied again); read only
     *               for a classifier's training accuracy
     */
    ValidationProbe(MultiLayerNetwork net, TrainingData data, INDArray trainX, DataType type, int capacity, int chunk) {
        this.data = data;
        this.validation = data.validation();
        int classes = classes(data.loss(), data.outputs());
        this.recorder = new EpochMetrics.Recorder(validation != null, classes, capacity);
        this.trainX = classes > 0 ? trainX : null;
        if (validation != null) {
            var set = validation.dataSet(type);
            this.valX = set.getFeatures();
            this.valY = set.getLabels();
        } else {
            this.valX = null;
            this.valY = null;
        }
        this.loss = data.loss().lossFunction();
        this.activation = data.loss().outputActivation(data.outputs()).getActivationFunction();
        this.chunk = chunk;
        this.rowLogits = recorder.active() && recorder.classifier() && RowLogits.exact(net)
                ? new RowLogits(data.outputs()) : null;
    }

    /**
     * The classes a loss's outputs predict: 2 for one output of a classifier (a logit), K for K softmax outputs,
     * 0 for a regression loss or independent outputs (several outputs of {@code bce}).
     */
    static int classes(Loss loss, int outputs) {
        if (!loss.classifier()) {
            return 0;
        }
        if (outputs == 1) {
            return 2;
        }
        return loss.outputActivation(outputs) == Activation.SOFTMAX ? outputs : 0;
    }

    /**
     * The listener to attach to the network for the row's pass (its gradient pass over the training data, whole or
     * in slices), through which {@link #complete} takes the training predictions; null when the probe needs none.
     */
    RowLogits listener() {
        return rowLogits;
    }

    /**
     * Measures the row of the network's current parameters, if the trial records any, for {@link #complete} to
     * append after the row's pass: its validation metrics, and a classifier's training predictions when they cannot
     * come from that pass ({@link #listener} null).
     */
    void measure(MultiLayerNetwork net) {
        if (!recorder.active()) {
            return;
        }
        Classification train = recorder.classifier() && rowLogits == null
                ? Classification.of(output(net, trainX), data.y(), data.outputs()) : null;
        pending = validation == null ? new Pending(Double.NaN, train, null) : validate(net, train);
        if (rowLogits != null) {
            rowLogits.arm(data.rows()); // after the validation passes, so that only the row's pass is collected
        }
    }

    /** Appends the row {@link #measure} measured, with the training predictions of the row's pass where it took them. */
    void complete() {
        if (pending == null) {
            return;
        }
        Classification train = rowLogits == null ? pending.train()
                : Classification.ofLogits(rowLogits.take(), 0, data.y(), data.outputs());
        recorder.add(pending.valLoss(), train, pending.val());
        pending = null;
    }

    private Pending validate(MultiLayerNetwork net, Classification train) {
        int n = validation.rows();
        int step = chunk > 0 ? chunk : n;
        double sum = 0;
        double[] outputs = recorder.classifier() ? new double[n * validation.outputs()] : null;
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            INDArray x = step == n ? valX : valX.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            INDArray y = step == n ? valY : valY.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            var acts = net.feedForward(x, false);
            sum += loss.computeScore(y, RowLogits.logits(net, acts.get(acts.size() - 2)), activation, null, false);
            if (outputs != null) {
                double[] o = acts.get(acts.size() - 1).castTo(DataType.DOUBLE).dup('c').data().asDouble();
                System.arraycopy(o, 0, outputs, from * validation.outputs(), o.length);
            }
        }
        Classification val = outputs == null ? null : Classification.of(outputs, validation.y(), validation.outputs());
        return new Pending(sum / n, train, val);
    }

    /** True when the trial has a validation set, so that {@link #lastValLoss()} is measured. */
    boolean validates() {
        return recorder.validation();
    }

    /** The validation loss of the last row measured; NaN without a validation set. */
    double lastValLoss() {
        return pending != null ? pending.valLoss() : recorder.lastValLoss();
    }

    /** Appends a row where nothing could be computed (NaN parameters). */
    void recordEmpty() {
        if (recorder.active()) {
            recorder.addEmpty();
        }
    }

    /** The metrics of the curve's {@code rows} rows, or null when the trial records none. */
    EpochMetrics finish(int rows) {
        return recorder.finish(rows);
    }

    private double[] output(MultiLayerNetwork net, INDArray x) {
        int n = (int) x.size(0);
        int step = chunk > 0 ? chunk : n;
        double[] out = new double[n * data.outputs()];
        for (int from = 0; from < n; from += step) {
            int to = Math.min(n, from + step);
            INDArray part = step == n ? x : x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            double[] o = net.output(part, false).castTo(DataType.DOUBLE).dup('c').data().asDouble();
            System.arraycopy(o, 0, out, from * data.outputs(), o.length);
        }
        return out;
    }
}
