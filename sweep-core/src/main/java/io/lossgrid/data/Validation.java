package io.lossgrid.data;

import io.lossgrid.base.SpecException;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How a data entry's validation set is made: a seeded hold-out share of its examples ({@link Share}) or a
 * separate data set of the same form ({@link Separate}). Spec syntax: {@code validation: 0.2},
 * {@code validation: {share: 0.2, seed: 7}} or {@code validation: {csv: val.csv}} (see {@link DataSpecs#VALIDATION}).
 */
public sealed interface Validation extends Serializable {

    /** The resolved form, for {@code sweep.json} and trial ids. */
    Object toValue();

    /** True when reading the validation set needs Spark. */
    boolean readWithSpark();

    /**
     * A share of the examples held out, drawn from {@code seed}: per class for a classifier (stratified), over
     * all examples otherwise (see {@link Holdout}).
     *
     * @param share the part held out, in (0, 1)
     * @param seed  seeds the draw
     */
    record Share(double share, long seed) implements Validation {
        public Share {
            if (!(share > 0 && share < 1)) {
                throw SpecException.of(DataSpecs.SHARE.key(), "must be in (0, 1) (the part of the examples held out)", share);
            }
        }

        @Override
        public Object toValue() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put(DataSpecs.SHARE.key(), share);
            m.put(DataSpecs.SPLIT_SEED.key(), seed);
            return m;
        }

        @Override
        public boolean readWithSpark() {
            return false;
        }
    }

    /**
     * A separate data set, read as a data entry; it must have the training set's features, label and shape.
     *
     * @param set the data set (without a validation set of its own)
     */
    record Separate(DataSpec set) implements Validation {
        public Separate {
            if (set instanceof Validated) {
                throw SpecException.of(DataSpecs.VALIDATION.key(), "must not be given in a validation set", "a validation set");
            }
        }

        @Override
        public Object toValue() {
            return set.toMap();
        }

        @Override
        public boolean readWithSpark() {
            return set.readWithSpark();
        }
    }
}
