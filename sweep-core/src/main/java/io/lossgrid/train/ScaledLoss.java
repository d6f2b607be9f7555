package io.lossgrid.train;

import java.util.Objects;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Any DL4J loss multiplied by α: score, per-example scores and the gradient are all α times the inner
 * loss's, so the optimizer sees the scaled gradient, not only a scaled printout. Survives DL4J's JSON
 * round trip of a network configuration.
 */
public final class ScaledLoss implements ILossFunction {
    private final ILossFunction inner;
    private final double alpha;

    public ScaledLoss(@JsonProperty("inner") ILossFunction inner, @JsonProperty("alpha") double alpha) {
        this.inner = Objects.requireNonNull(inner, "inner");
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("alpha must be > 0 and finite, found " + alpha);
        }
        this.alpha = alpha;
    }

    @JsonProperty("inner")
    public ILossFunction inner() {
        return inner;
    }

    @JsonProperty("alpha")
    public double alpha() {
        return alpha;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return alpha * inner.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return inner.computeScoreArray(labels, preOutput, activationFn, mask).muli(alpha);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return inner.computeGradient(labels, preOutput, activationFn, mask).muli(alpha);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput, IActivation activationFn,
                                                          INDArray mask, boolean average) {
        Pair<Double, INDArray> p = inner.computeGradientAndScore(labels, preOutput, activationFn, mask, average);
        return new Pair<>(alpha * p.getFirst(), p.getSecond().muli(alpha));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ScaledLoss s && Double.compare(s.alpha, alpha) == 0 && s.inner.equals(inner);
    }

    @Override
    public int hashCode() {
        return Objects.hash(inner, alpha);
    }

    @Override
    public String toString() {
        return "ScaledLoss(" + alpha + " * " + inner.name() + ")";
    }
}
