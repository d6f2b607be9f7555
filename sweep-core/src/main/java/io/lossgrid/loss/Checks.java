package io.lossgrid.loss;

import io.lossgrid.base.SpecException;
import java.util.List;

/** The rules a loss's parameters obey, one place for the spec records and the DL4J loss functions alike. */
final class Checks {
    private Checks() {
    }

    /** {@code gamma >= 0} and finite. */
    static void gamma(String path, double gamma) {
        if (!(gamma >= 0) || Double.isInfinite(gamma)) {
            throw SpecException.of(path, "must be >= 0 and finite", gamma);
        }
    }

    /** In [0, 1]. */
    static void unit(String path, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw SpecException.of(path, "must be in [0, 1]", value);
        }
    }

    /** {@code > 0} and finite. */
    static void positive(String path, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw SpecException.of(path, "must be > 0 and finite", value);
        }
    }

    /** Every weight {@code > 0} and finite; an empty list means no weights. */
    static void weights(String path, List<Double> weights) {
        for (int i = 0; i < weights.size(); i++) {
            positive(path + "[" + i + "]", weights.get(i));
        }
    }
}
