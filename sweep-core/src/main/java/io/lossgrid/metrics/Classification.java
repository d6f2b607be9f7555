package io.lossgrid.metrics;

import java.util.Arrays;

/**
 * What a classifier's outputs say about its examples, and the scores computed from that. A classifier has
 * either one output (a logit: class 1 when it is above 0, as for {@code bce} and the sigmoid focal loss) or
 * K >= 2 outputs (one per class: the predicted class is the largest, the first of equal ones, as for
 * {@code xent} and the softmax focal loss). NaN outputs predict class 0 and score as NaN.
 *
 * @param predicted the predicted class of each example
 * @param actual    the true class of each example
 * @param positive  for two classes, each example's score for class 1 (the logit, or the second output), else null
 * @param classes   the number of classes (2 for one output)
 */
public record Classification(int[] predicted, int[] actual, double[] positive, int classes) {

    public Classification {
        if (predicted.length != actual.length || (positive != null && positive.length != actual.length)) {
            throw new IllegalArgumentException("predicted, actual and positive must hold one value per example, found "
                    + predicted.length + ", " + actual.length + ", " + (positive == null ? "none" : positive.length));
        }
        if (classes < 2) {
            throw new IllegalArgumentException("classes must be >= 2, found " + classes);
        }
    }

    /**
     * The predictions of {@code outputs} ({@code n x cols}, row-major, {@code offset} the first column of a
     * row's {@code width} outputs) against {@code labels} ({@code n x width}, row-major: 0/1 for one output,
     * one-hot rows for several).
     */
    public static Classification of(double[] outputs, int cols, int offset, float[] labels, int width) {
        int n = labels.length / width;
        int[] predicted = new int[n];
        int[] actual = new int[n];
        int classes = width == 1 ? 2 : width;
        double[] positive = classes == 2 ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            int row = i * cols + offset;
            if (width == 1) {
                double z = outputs[row];
                predicted[i] = z > 0 ? 1 : 0;
                actual[i] = labels[i] > 0.5f ? 1 : 0;
                positive[i] = z;
                continue;
            }
            predicted[i] = argmax(outputs, row, width);
            actual[i] = argmax(labels, i * width, width);
            if (positive != null) {
                positive[i] = outputs[row + 1];
            }
        }
        return new Classification(predicted, actual, positive, classes);
    }

    /**
     * The predicted classes of a classifier's logits against {@code labels}, without the scores an AUC ranks
     * (what accuracy needs): {@code n} rows of {@code width} logits from {@code from}. One logit predicts class 1
     * above 0, as {@link #of(double[], int, int, float[], int)} does; several predict the first largest, the class of
     * the largest softmax output without computing one, and a row holding NaN or +∞ (whose softmax is NaN)
     * predicts class 0.
     */
    public static Classification ofLogits(double[] logits, int from, float[] labels, int width) {
        if (width == 1) {
            return of(logits, 1, from, labels, 1);
        }
        int n = labels.length / width;
        int[] predicted = new int[n];
        int[] actual = new int[n];
        for (int i = 0; i < n; i++) {
            int row = from + i * width;
            int best = 0;
            boolean defined = true;
            for (int j = 0; j < width; j++) {
                defined &= logits[row + j] < Double.POSITIVE_INFINITY;
                if (logits[row + j] > logits[row + best]) {
                    best = j;
                }
            }
            predicted[i] = defined ? best : 0;
            actual[i] = argmax(labels, i * width, width);
        }
        return new Classification(predicted, actual, null, width);
    }

    /** {@link #of(double[], int, int, float[], int)} for one trial's outputs ({@code cols == width}). */
    public static Classification of(double[] outputs, float[] labels, int width) {
        return of(outputs, width, 0, labels, width);
    }

    private static int argmax(double[] v, int from, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    private static int argmax(float[] v, int from, int width) {
        int best = 0;
        for (int j = 1; j < width; j++) {
            if (v[from + j] > v[from + best]) {
                best = j;
            }
        }
        return best;
    }

    /** The share of examples whose predicted class is their class; NaN without examples. */
    public double accuracy() {
        if (actual.length == 0) {
            return Double.NaN;
        }
        int right = 0;
        for (int i = 0; i < actual.length; i++) {
            right += predicted[i] == actual[i] ? 1 : 0;
        }
        return (double) right / actual.length;
    }

    /**
     * The mean per-class recall over the classes present among the examples (scikit-learn's
     * {@code balanced_accuracy_score}); NaN without examples.
     */
    public double balancedAccuracy() {
        int[] count = new int[classes];
        int[] right = new int[classes];
        for (int i = 0; i < actual.length; i++) {
            count[actual[i]]++;
            right[actual[i]] += predicted[i] == actual[i] ? 1 : 0;
        }
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            if (count[c] > 0) {
                sum += (double) right[c] / count[c];
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }

    /**
     * The area under the ROC curve of the class-1 scores: the probability that a random example of class 1
     * scores above a random example of class 0, ties counted half (the Mann-Whitney statistic). NaN for more
     * than two classes, when one class is absent, or when a score is NaN.
     */
    public double rocAuc() {
        if (positive == null || hasNaN(positive)) {
            return Double.NaN;
        }
        int n = actual.length;
        Integer[] order = sortedBy(positive, false);
        double rankSum = 0;
        long pos = 0;
        for (int a = 0; a < n; ) {
            int b = a;
            while (b + 1 < n && positive[order[b + 1]] == positive[order[a]]) {
                b++;
            }
            double rank = (a + b) / 2.0 + 1; // the mean of the ranks a+1 .. b+1
            for (int k = a; k <= b; k++) {
                if (actual[order[k]] == 1) {
                    rankSum += rank;
                    pos++;
                }
            }
            a = b + 1;
        }
        long neg = n - pos;
        if (pos == 0 || neg == 0) {
            return Double.NaN;
        }
        return (rankSum - pos * (pos + 1) / 2.0) / ((double) pos * neg);
    }

    /**
     * The average precision of the class-1 scores, as scikit-learn's {@code average_precision_score}: the sum
     * over the distinct thresholds, from the highest score down, of the precision at the threshold times the
     * recall it adds (equal scores enter together). NaN for more than two classes, without an example of
     * class 1, or when a score is NaN.
     */
    public double averagePrecision() {
        if (positive == null || hasNaN(positive)) {
            return Double.NaN;
        }
        int n = actual.length;
        long totalPos = Arrays.stream(actual).filter(c -> c == 1).count();
        if (totalPos == 0) {
            return Double.NaN;
        }
        Integer[] order = sortedBy(positive, true);
        double ap = 0;
        long tp = 0;
        long seen = 0;
        for (int a = 0; a < n; ) {
            int b = a;
            while (b + 1 < n && positive[order[b + 1]] == positive[order[a]]) {
                b++;
            }
            long newTp = 0;
            for (int k = a; k <= b; k++) {
                newTp += actual[order[k]] == 1 ? 1 : 0;
            }
            tp += newTp;
            seen += b - a + 1;
            ap += ((double) newTp / totalPos) * ((double) tp / seen);
            a = b + 1;
        }
        return ap;
    }

    private static boolean hasNaN(double[] v) {
        for (double d : v) {
            if (Double.isNaN(d)) {
                return true;
            }
        }
        return false;
    }

    private static Integer[] sortedBy(double[] score, boolean descending) {
        Integer[] order = new Integer[score.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> descending ? Double.compare(score[b], score[a]) : Double.compare(score[a], score[b]));
        return order;
    }
}
