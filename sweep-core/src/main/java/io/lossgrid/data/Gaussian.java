package io.lossgrid.data;

import java.util.SplittableRandom;

/**
 * Seeded standard normal numbers by the Box-Muller transform over {@link SplittableRandom}, whose
 * sequence for a seed is fixed by its specification, so generated data sets are the same on every JVM.
 */
final class Gaussian {
    private final SplittableRandom random;
    private double spare = Double.NaN;

    Gaussian(long seed) {
        this.random = new SplittableRandom(seed);
    }

    double next() {
        if (!Double.isNaN(spare)) {
            double s = spare;
            spare = Double.NaN;
            return s;
        }
        double u1 = 1.0 - random.nextDouble(); // in (0, 1], so the log is finite
        double u2 = random.nextDouble();
        double r = Math.sqrt(-2 * Math.log(u1));
        spare = r * Math.sin(2 * Math.PI * u2);
        return r * Math.cos(2 * Math.PI * u2);
    }

    /** Uniform in [lo, hi). */
    double uniform(double lo, double hi) {
        return lo + (hi - lo) * random.nextDouble();
    }
}
