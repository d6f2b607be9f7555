package io.lossgrid.loss;

import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Binary cross-entropy on logits, PyTorch's {@code BCEWithLogitsLoss} with {@code reduction='mean'} and
 * {@code pos_weight}: the mean over all elements of {@code (1 − y)·z + (1 + (posWeight − 1)·y)·softplus(−z)},
 * computed in the stable form (no clipping of probabilities, unlike DL4J's {@code LossBinaryXENT}). Pairs
 * with an identity output layer, whose outputs are the logits; labels 0 or 1 (values in between are
 * accepted, as PyTorch does).
 */
public final class LossBceWithLogits extends LogitLoss {
    private final double posWeight;

    /** @throws io.lossgrid.base.SpecException unless {@code posWeight} is > 0 and finite */
    public LossBceWithLogits(@JsonProperty("posWeight") double posWeight) {
        Checks.positive("posWeight", posWeight);
        this.posWeight = posWeight;
    }

    /** Without a positive weight (PyTorch's {@code pos_weight=None}). */
    public LossBceWithLogits() {
        this(1.0);
    }

    @JsonProperty("posWeight")
    public double posWeight() {
        return posWeight;
    }

    /** The elementwise form, for a runner that evaluates many trials at once. */
    public Elementwise elementwise() {
        return new Elementwise.BceWithLogits(posWeight);
    }

    @Override
    protected void evaluate(double[] z, double[] y, double[] mask, int n, int m, double[] scores, double[] gradient) {
        meanOfElements(elementwise(), z, y, mask, n, m, scores, gradient);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossBceWithLogits b && Double.compare(b.posWeight, posWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash("LossBceWithLogits", posWeight);
    }

    @Override
    public String toString() {
        return "LossBceWithLogits(posWeight=" + posWeight + ")";
    }
}
