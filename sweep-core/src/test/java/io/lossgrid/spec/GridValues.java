package io.lossgrid.spec;

import java.util.List;

/** Test helpers: the distinct α values and learning rates of a grid, and an Adam optimizer. */
public final class GridValues {
    private GridValues() {
    }

    /** The distinct α values, in order of first appearance. */
    public static List<Double> alphas(GridSpec grid) {
        return grid.cells().stream().map(GridSpec.Cell::alpha).distinct().toList();
    }

    /** The distinct learning rates, in order of first appearance. */
    public static List<Double> learningRates(GridSpec grid) {
        return grid.cells().stream().map(GridSpec.Cell::learningRate).distinct().toList();
    }

    /** Adam with the given hyperparameters. */
    public static Optimizer adam(double beta1, double beta2, double epsilon) {
        return new Optimizer.Moments(Optimizer.Moments.Rule.ADAM, beta1, beta2, epsilon);
    }
}
