package io.lossgrid.loss;

import java.util.Arrays;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Softmax cross-entropy over one-hot labels, PyTorch's {@code CrossEntropyLoss} with
 * {@code reduction='mean'} and optional {@code weight}: with {@code u_ij = y_ij·w_j},
 * {@code loss = Σ_ij u_ij·(−log softmax(z_i)_j) / Σ_ij u_ij}, the weighted mean that divides by the sum of
 * the targets' weights (for one-hot rows without weights, the plain mean over examples). The logits are
 * the pre-activations of a softmax (or identity) output layer; log-softmax is computed without overflow
 * and without clipping.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LossXent extends LogitLoss {
    private final double[] classWeights;

    /**
     * @param classWeights one weight per class, each > 0 and finite; null or empty for none
     * @throws io.lossgrid.base.SpecException naming the first weight that breaks the rule
     */
    public LossXent(@JsonProperty("classWeights") double[] classWeights) {
        this.classWeights = LossFocal.weights(classWeights);
    }

    /** Without class weights. */
    public LossXent() {
        this(null);
    }

    /** The class weights, or null for none. */
    @JsonProperty("classWeights")
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    @Override
    protected boolean softmaxInside(int m) {
        return true;
    }

    @Override
    protected void evaluate(double[] z, double[] y, double[] mask, int n, int m, double[] scores, double[] gradient) {
        LossFocal.checkWeights(classWeights, m, name());
        double[] logp = new double[m];
        double[] p = new double[m];
        double total = 0;
        for (int i = 0; i < n; i++) {
            LogitLoss.softmax(z, i, m, logp, p);
            double weight = 0;
            double s = 0;
            for (int j = 0; j < m; j++) {
                double u = mask[i * m] * y[i * m + j] * (classWeights == null ? 1 : classWeights[j]);
                if (u != 0) {
                    weight += u;
                    s -= u * logp[j];
                }
            }
            for (int j = 0; j < m; j++) {
                double u = mask[i * m] * y[i * m + j] * (classWeights == null ? 1 : classWeights[j]);
                gradient[i * m + j] = weight * p[j] - u;
            }
            scores[i] = s;
            total += weight;
        }
        // Per-example scores and gradients whose mean over the n examples is the weighted mean.
        double scale = total == 0 ? 0 : n / total;
        for (int i = 0; i < n; i++) {
            scores[i] *= scale;
        }
        for (int j = 0; j < gradient.length; j++) {
            gradient[j] *= scale;
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossXent x && Arrays.equals(x.classWeights, classWeights);
    }

    @Override
    public int hashCode() {
        return 31 * "LossXent".hashCode() + Arrays.hashCode(classWeights);
    }

    @Override
    public String toString() {
        return "LossXent(classWeights=" + Arrays.toString(classWeights) + ")";
    }
}
