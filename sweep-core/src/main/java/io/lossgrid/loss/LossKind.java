package io.lossgrid.loss;

import io.lossgrid.base.Node;
import io.lossgrid.base.Suggest;
import java.util.Arrays;
import java.util.Locale;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossMSE;

/** The losses a trial can minimise, each with the output activation it pairs with. */
public enum LossKind {
    /** Mean squared error over the outputs, identity output: regression. */
    MSE(Activation.IDENTITY, false),
    /** Softmax cross-entropy over a one-hot or class-index label: classification. */
    XENT(Activation.SOFTMAX, true);

    private final Activation outputActivation;
    private final boolean classification;

    LossKind(Activation outputActivation, boolean classification) {
        this.outputActivation = outputActivation;
        this.classification = classification;
    }

    /** The lower-case name used in specs and tables. */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public Activation outputActivation() {
        return outputActivation;
    }

    /** True when the label is a class (one-hot or class index) rather than a value to regress. */
    public boolean classification() {
        return classification;
    }

    /** A new, unscaled DL4J loss function. */
    public ILossFunction lossFunction() {
        return this == MSE ? new LossMSE() : new LossMCXENT();
    }

    public static LossKind parse(Node node) {
        String s = node.string();
        for (LossKind k : values()) {
            if (k.key().equals(s)) {
                return k;
            }
        }
        throw node.error("must be one of mse, xent",
                Suggest.didYouMean(s, Arrays.stream(values()).map(LossKind::key).toList()));
    }
}
