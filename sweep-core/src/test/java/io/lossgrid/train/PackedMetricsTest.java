package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.lossgrid.loss.LogitLoss;
import io.lossgrid.metrics.Classification;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class PackedMetricsTest {

    @Test
    void predictedClassesFromLogitsAreTheClassesOfTheLargestSoftmaxOutput() {
        int n = 500;
        int m = 4;
        SplittableRandom random = new SplittableRandom(7);
        double[] logits = new double[3 * n * m];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 20;
        }
        double[] probabilities = new double[n * m];
        double[] row = new double[m];
        int from = n * m; // the second trial's rows
        for (int i = 0; i < n; i++) {
            LogitLoss.logSoftmax(logits, n + i, m, row);
            for (int j = 0; j < m; j++) {
                probabilities[i * m + j] = Math.exp(row[j]);
            }
        }
        float[] labels = new float[n * m];
        int[] expected = Classification.of(probabilities, labels, m).predicted();

        assertArrayEquals(expected, PackedMetrics.predicted(logits, from, n, m));
    }

    @Test
    void aRowWithNanOrPositiveInfinityPredictsClassZeroAndNegativeInfinityIsNeverTheLargest() {
        double inf = Double.POSITIVE_INFINITY;
        double[] logits = {
            1, 3, 3, // equal largest logits: the first
            1, Double.NaN, 5, // NaN: softmax is NaN, class 0
            1, inf, 5, // +inf: softmax is NaN (inf - inf), class 0
            -inf, -2, -3, // -inf is a 0 probability
        };

        assertArrayEquals(new int[] {1, 0, 0, 1}, PackedMetrics.predicted(logits, 0, 4, 3));
    }
}
