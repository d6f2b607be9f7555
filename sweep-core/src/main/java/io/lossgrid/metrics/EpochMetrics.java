package io.lossgrid.metrics;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The metrics a trial records at every recorded epoch beside its loss (row {@code e} after {@code e} epochs,
 * the rows of the loss curve). An array is null where its metric does not apply to the trial (no validation
 * set; a regression loss; AUCs for more than two classes); NaN in an array marks a row where it could not be
 * computed (the row recorded for NaN parameters).
 *
 * @param valLoss             the unscaled loss on the validation set
 * @param accuracy            the share of training examples classified right
 * @param valAccuracy         the share of validation examples classified right
 * @param valBalancedAccuracy the mean per-class recall over the classes present in the validation set
 * @param valAuc              ROC AUC of the class-1 score on the validation set (two classes)
 * @param valPrAuc            average precision of the class-1 score on the validation set (two classes)
 */
public record EpochMetrics(double[] valLoss, double[] accuracy, double[] valAccuracy, double[] valBalancedAccuracy,
                           double[] valAuc, double[] valPrAuc) implements Serializable {

    public EpochMetrics {
        int rows = -1;
        for (double[] a : new double[][] {valLoss, accuracy, valAccuracy, valBalancedAccuracy, valAuc, valPrAuc}) {
            if (a != null && rows >= 0 && a.length != rows) {
                throw new IllegalArgumentException("every metric must have one value per recorded epoch (" + rows
                        + "), found " + a.length);
            }
            rows = a != null && rows < 0 ? a.length : rows;
        }
    }

    /** The value of {@code metric} at row {@code epoch}, or null where it does not apply or is NaN there. */
    public static Double at(double[] metric, int epoch) {
        if (metric == null || epoch >= metric.length || Double.isNaN(metric[epoch])) {
            return null;
        }
        return metric[epoch];
    }

    /** The smallest finite validation loss, or null without one. */
    public Double bestValLoss() {
        int e = bestValEpoch0();
        return e < 0 ? null : valLoss[e];
    }

    /** The epoch of {@link #bestValLoss()} (the first of equal ones), or null without one. */
    public Integer bestValEpoch() {
        int e = bestValEpoch0();
        return e < 0 ? null : e;
    }

    private int bestValEpoch0() {
        int best = -1;
        for (int e = 0; valLoss != null && e < valLoss.length; e++) {
            if (Double.isFinite(valLoss[e]) && (best < 0 || valLoss[e] < valLoss[best])) {
                best = e;
            }
        }
        return best;
    }

    /**
     * Collects the rows of one trial as it trains. Which metrics apply is fixed when it is made: the
     * validation ones with a validation set, the classification ones for a classifier, the AUCs for two classes.
     */
    public static final class Recorder {
        private final boolean validation;
        private final boolean classifier;
        private final boolean twoClasses;
        private final double[][] columns = new double[6][];
        private int rows;

        /**
         * @param validation whether the trial has a validation set
         * @param classes    the number of classes of a classifier (2 for one output), 0 for a regression loss
         */
        public Recorder(boolean validation, int classes, int capacity) {
            this.validation = validation;
            this.classifier = classes >= 2;
            this.twoClasses = classes == 2;
            for (int i = 0; i < columns.length; i++) {
                columns[i] = new double[Math.max(1, capacity)];
            }
        }

        /** True when the trial records anything (a validation set, or a classifier's training accuracy). */
        public boolean active() {
            return validation || classifier;
        }

        /** True when the trial has a validation set. */
        public boolean validation() {
            return validation;
        }

        /** True when the training data's predictions are wanted ({@link #add}'s {@code train}). */
        public boolean classifier() {
            return classifier;
        }

        /**
         * Appends a row.
         *
         * @param valLoss the validation loss (ignored without a validation set)
         * @param train   the training data's predictions, or null for a regression loss
         * @param val     the validation set's predictions, or null (regression, or no validation set)
         */
        public void add(double valLoss, Classification train, Classification val) {
            put(0, validation ? valLoss : Double.NaN);
            put(1, train == null ? Double.NaN : train.accuracy());
            put(2, val == null ? Double.NaN : val.accuracy());
            put(3, val == null ? Double.NaN : val.balancedAccuracy());
            put(4, val == null ? Double.NaN : val.rocAuc());
            put(5, val == null ? Double.NaN : val.averagePrecision());
            rows++;
        }

        /** The validation loss of the last row appended; NaN without a validation set or before any row. */
        public double lastValLoss() {
            return validation && rows > 0 ? columns[0][rows - 1] : Double.NaN;
        }

        /** Appends a row where nothing could be computed (the row of NaN parameters). */
        public void addEmpty() {
            add(Double.NaN, null, null);
        }

        private void put(int column, double value) {
            if (rows == columns[column].length) {
                columns[column] = Arrays.copyOf(columns[column], rows * 2);
            }
            columns[column][rows] = value;
        }

        /**
         * The metrics of the first {@code curveRows} rows (rows the recorder lacks are NaN), or null when the
         * trial records none.
         */
        public EpochMetrics finish(int curveRows) {
            if (!active()) {
                return null;
            }
            double[][] c = new double[6][];
            for (int i = 0; i < c.length; i++) {
                c[i] = Arrays.copyOf(columns[i], curveRows);
                Arrays.fill(c[i], Math.min(rows, curveRows), curveRows, Double.NaN);
            }
            boolean cls = classifier;
            return new EpochMetrics(validation ? c[0] : null, cls ? c[1] : null, validation && cls ? c[2] : null,
                    validation && cls ? c[3] : null, validation && twoClasses ? c[4] : null,
                    validation && twoClasses ? c[5] : null);
        }
    }
}
