package io.lossgrid.loss;

/**
 * Mean absolute error, PyTorch's {@code L1Loss} with {@code reduction='mean'}: the mean over all
 * {@code n·m} elements of {@code |z − y|}; gradient {@code sign(z − y)/(n·m)}, 0 where they are equal.
 */
public final class LossMae extends LogitLoss {
    private static final Elementwise ELEMENT = new Elementwise.AbsoluteError();

    @Override
    protected void evaluate(double[] z, double[] y, double[] mask, int n, int m, double[] scores, double[] gradient) {
        meanOfElements(ELEMENT, z, y, mask, n, m, scores, gradient);
    }

    /** The elementwise form, for a runner that evaluates many trials at once. */
    public Elementwise elementwise() {
        return ELEMENT;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossMae;
    }

    @Override
    public int hashCode() {
        return "LossMae".hashCode();
    }

    @Override
    public String toString() {
        return "LossMae()";
    }
}
