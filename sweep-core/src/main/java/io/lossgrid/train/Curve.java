package io.lossgrid.train;

import java.util.Arrays;

/** A loss curve being recorded: row e is the unscaled loss and gradient norm after e epochs. */
final class Curve {
    private double[] loss;
    private double[] gradNorm;
    private int rows;

    Curve(int capacity) {
        loss = new double[Math.max(1, capacity)];
        gradNorm = new double[Math.max(1, capacity)];
    }

    void add(double l, double g) {
        if (rows == loss.length) {
            loss = Arrays.copyOf(loss, rows * 2);
            gradNorm = Arrays.copyOf(gradNorm, rows * 2);
        }
        loss[rows] = l;
        gradNorm[rows] = g;
        rows++;
    }

    int rows() {
        return rows;
    }

    double first() {
        return loss[0];
    }

    double last() {
        return loss[rows - 1];
    }

    double[] loss() {
        return loss;
    }

    double[] gradNorm() {
        return gradNorm;
    }

    double[] lossTrimmed() {
        return Arrays.copyOf(loss, rows);
    }

    double[] gradNormTrimmed() {
        return Arrays.copyOf(gradNorm, rows);
    }
}
