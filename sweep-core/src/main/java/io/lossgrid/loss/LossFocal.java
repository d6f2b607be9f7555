package io.lossgrid.loss;

import java.util.Arrays;
import java.util.Objects;
import org.nd4j.shade.jackson.annotation.JsonInclude;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Focal loss, in the form the number of outputs calls for.
 * <ul>
 *   <li>One output: torchvision's {@code sigmoid_focal_loss} with {@code reduction='mean'}, the mean over
 *       elements of {@link Elementwise.SigmoidFocal} ({@code balance} is torchvision's {@code alpha}, renamed
 *       because α is the loss scale in lossgrid; null means no balancing, torchvision's {@code alpha=-1}).
 *       Labels 0 or 1; identity output layer.</li>
 *   <li>K ≥ 2 outputs: softmax focal loss, the mean over examples of
 *       {@code w_y·(1 − p_y)^gamma·(−log p_y)} with {@code p = softmax(z)} and optional class weights
 *       {@code w} (a plain mean over examples, not divided by the weights' sum); one-hot labels; softmax
 *       (or identity) output layer. {@code gamma = 0} without weights is the cross-entropy.</li>
 * </ul>
 * {@code balance} applies only to one output and {@code classWeights} only to K ≥ 2; a loss given the
 * other throws {@link IllegalArgumentException} when it first sees its outputs ({@link Loss#checkOutputs}
 * reports it earlier, at the spec).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public final class LossFocal extends LogitLoss {
    private final double gamma;
    private final Double balance;
    private final double[] classWeights;

    /**
     * @param gamma        the focusing exponent, >= 0 and finite
     * @param balance      the weight of positives in [0, 1] (one output), or null
     * @param classWeights one weight per class, each > 0 and finite (K ≥ 2 outputs); null or empty for none
     * @throws io.lossgrid.base.SpecException naming the parameter that breaks its rule
     */
    public LossFocal(@JsonProperty("gamma") double gamma, @JsonProperty("balance") Double balance,
                     @JsonProperty("classWeights") double[] classWeights) {
        Checks.gamma("gamma", gamma);
        if (balance != null) {
            Checks.unit("balance", balance);
        }
        this.gamma = gamma;
        this.balance = balance;
        this.classWeights = weights(classWeights);
    }

    @JsonProperty("gamma")
    public double gamma() {
        return gamma;
    }

    /** The weight of positives, or null for no balancing. */
    @JsonProperty("balance")
    public Double balance() {
        return balance;
    }

    /** The class weights, or null for none. */
    @JsonProperty("classWeights")
    public double[] classWeights() {
        return classWeights == null ? null : classWeights.clone();
    }

    /** The elementwise form of the one-output (sigmoid) focal loss, for a runner that evaluates many trials at once. */
    public Elementwise elementwise() {
        return new Elementwise.SigmoidFocal(gamma, balance == null ? Double.NaN : balance);
    }

    @Override
    protected boolean softmaxInside(int m) {
        return m >= 2;
    }

    @Override
    protected void evaluate(double[] z, double[] y, double[] mask, int n, int m, double[] scores, double[] gradient) {
        if (m == 1) {
            if (classWeights != null) {
                throw new IllegalArgumentException(name() + ": classWeights apply to two or more outputs (softmax focal),"
                        + " found 1 output; use balance");
            }
            meanOfElements(elementwise(), z, y, mask, n, m, scores, gradient);
            return;
        }
        if (balance != null) {
            throw new IllegalArgumentException(name() + ": balance applies to one output (sigmoid focal), found " + m
                    + " outputs; use classWeights");
        }
        checkWeights(classWeights, m, name());
        double[] logp = new double[m];
        double[] c = new double[m];
        for (int i = 0; i < n; i++) {
            LogitLoss.logSoftmax(z, i, m, logp);
            double s = 0;
            double uc = 0;
            for (int j = 0; j < m; j++) {
                double u = mask[i * m] * y[i * m + j] * (classWeights == null ? 1 : classWeights[j]);
                c[j] = 0;
                if (u != 0) {
                    double p = Math.exp(logp[j]);
                    double miss = -Math.expm1(logp[j]);
                    double modulation = Math.pow(miss, gamma);
                    s -= u * modulation * logp[j];
                    // c = d[(1 − p)^γ·(−log p)]/dp · p; the first term vanishes where 1 − p = 0.
                    double focus = gamma == 0 || miss == 0 ? 0 : gamma * Math.pow(miss, gamma - 1) * p * logp[j];
                    c[j] = u * (focus - modulation);
                    uc += c[j];
                }
            }
            for (int j = 0; j < m; j++) {
                gradient[i * m + j] = c[j] - Math.exp(logp[j]) * uc;
            }
            scores[i] = s;
        }
    }

    /** A defensive copy of validated weights; null for none. */
    static double[] weights(double[] given) {
        if (given == null || given.length == 0) {
            return null;
        }
        for (int j = 0; j < given.length; j++) {
            Checks.positive("classWeights[" + j + "]", given[j]);
        }
        return given.clone();
    }

    static void checkWeights(double[] weights, int classes, String loss) {
        if (weights != null && weights.length != classes) {
            throw new IllegalArgumentException(loss + ": classWeights must hold one weight per class (" + classes
                    + " outputs), found " + weights.length + " weights");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LossFocal f && Double.compare(f.gamma, gamma) == 0 && Objects.equals(f.balance, balance)
                && Arrays.equals(f.classWeights, classWeights);
    }

    @Override
    public int hashCode() {
        return Objects.hash("LossFocal", gamma, balance, Arrays.hashCode(classWeights));
    }

    @Override
    public String toString() {
        return "LossFocal(gamma=" + gamma + ", balance=" + balance + ", classWeights=" + Arrays.toString(classWeights) + ")";
    }
}
