package io.lossgrid.spec;

import io.lossgrid.base.SpecException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/**
 * Optimizer hyperparameters: for each, its key in the spec, its column in the {@code trials} table,
 * what it means and the rule its values obey. Defaults belong to the optimizer (see {@link Optimizers}).
 */
public enum Hyper {
    MOMENTUM("momentum", "Nesterov momentum coefficient", "must be in [0, 1)", v -> v >= 0 && v < 1),
    BETA1("beta1", "decay of the first-moment (mean) estimate", "must be in [0, 1)", v -> v >= 0 && v < 1),
    BETA2("beta2", "decay of the second-moment estimate", "must be in [0, 1)", v -> v >= 0 && v < 1),
    EPSILON("epsilon", "added to the denominator for numerical stability", "must be > 0 and finite",
            v -> v > 0 && v < Double.POSITIVE_INFINITY),
    RHO("rho", "AdaDelta's decay of its running averages", "must be in (0, 1)", v -> v > 0 && v < 1),
    RMS_DECAY("rmsDecay", "RMSProp's decay of the squared-gradient average", "must be in [0, 1)", v -> v >= 0 && v < 1);

    private final String key;
    private final String doc;
    private final String rule;
    private final DoublePredicate valid;

    Hyper(String key, String doc, String rule, DoublePredicate valid) {
        this.key = key;
        this.doc = doc;
        this.rule = rule;
        this.valid = valid;
    }

    /** The key in a spec's optimizer map. */
    public String key() {
        return key;
    }

    /** The column in the {@code trials} table: snake case of the key. */
    public String column() {
        return key.replaceAll("([A-Z])", "_$1").toLowerCase(Locale.ROOT);
    }

    public String doc() {
        return doc;
    }

    public String rule() {
        return rule;
    }

    /** Returns {@code v} if it obeys this hyperparameter's rule, else throws naming the key, rule and value. */
    public double check(double v) {
        if (Double.isNaN(v) || !valid.test(v)) {
            throw SpecException.of(key, rule, v);
        }
        return v;
    }

    /** An ordered map of alternating keys and values: {@code of(BETA1, 0.9, BETA2, 0.999)}. */
    static Map<Hyper, Double> of(Object... keysAndValues) {
        Map<Hyper, Double> m = new EnumMap<>(Hyper.class);
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((Hyper) keysAndValues[i], (Double) keysAndValues[i + 1]);
        }
        return m;
    }
}
