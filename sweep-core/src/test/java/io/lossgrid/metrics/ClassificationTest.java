package io.lossgrid.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.loss.LogitLoss;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The metric arithmetic against values computed by hand (and, for average precision, by scikit-learn's rule). */
class ClassificationTest {
    private static Classification binary(double[] scores, int... actual) {
        float[] labels = new float[actual.length];
        for (int i = 0; i < actual.length; i++) {
            labels[i] = actual[i];
        }
        return Classification.of(scores, labels, 1);
    }

    @Test
    void oneOutputPredictsClassOneForAPositiveLogit() {
        Classification c = binary(new double[] {-1, 0, 0.5, 2}, 0, 1, 1, 0);
        assertArrayEquals(new int[] {0, 0, 1, 1}, c.predicted());
        assertEquals(0.5, c.accuracy());
    }

    @Test
    void severalOutputsPredictTheLargestAndTheFirstOfEqualOnes() {
        double[] out = {0.1, 0.7, 0.2, 0.5, 0.5, 0.0, 0.2, 0.3, 0.5};
        float[] labels = {0, 1, 0, 0, 1, 0, 0, 0, 1};
        Classification c = Classification.of(out, labels, 3);
        assertArrayEquals(new int[] {1, 0, 2}, c.predicted());
        assertArrayEquals(new int[] {1, 1, 2}, c.actual());
        assertEquals(2.0 / 3, c.accuracy(), 1e-15);
        assertNull(c.positive(), "no class-1 score for three classes");
        assertTrue(Double.isNaN(c.rocAuc()), "no AUC for three classes");
    }

    @Test
    void logitsPredictTheClassesOfTheLargestSoftmaxOutputFromTheirOffset() {
        int n = 500;
        int m = 4;
        SplittableRandom random = new SplittableRandom(7);
        double[] logits = new double[3 * n * m];
        for (int i = 0; i < logits.length; i++) {
            logits[i] = random.nextGaussian() * 20;
        }
        float[] labels = new float[n * m];
        for (int i = 0; i < n; i++) {
            labels[i * m + random.nextInt(m)] = 1;
        }
        double[] probabilities = new double[n * m];
        double[] logp = new double[m];
        double[] p = new double[m];
        for (int i = 0; i < n; i++) {
            LogitLoss.softmax(logits, n + i, m, logp, p); // the second trial's rows
            System.arraycopy(p, 0, probabilities, i * m, m);
        }
        Classification expected = Classification.of(probabilities, labels, m);

        Classification c = Classification.ofLogits(logits, n * m, labels, m);

        assertArrayEquals(expected.predicted(), c.predicted());
        assertArrayEquals(expected.actual(), c.actual());
        assertEquals(expected.accuracy(), c.accuracy(), 0);
        assertNull(c.positive(), "no scores from logits");
    }

    @Test
    void aRowOfLogitsWithNanOrPositiveInfinityPredictsClassZeroAndNegativeInfinityIsNeverTheLargest() {
        double inf = Double.POSITIVE_INFINITY;
        double[] logits = {
            1, 3, 3, // equal largest logits: the first
            1, Double.NaN, 5, // NaN: softmax is NaN, class 0
            1, inf, 5, // +inf: softmax is NaN (inf - inf), class 0
            -inf, -2, -3, // -inf is a 0 probability
        };

        Classification c = Classification.ofLogits(logits, 0, new float[12], 3);

        assertArrayEquals(new int[] {1, 0, 0, 1}, c.predicted());
    }

    @Test
    void oneLogitPredictsClassOneAboveZeroFromItsOffset() {
        double[] logits = {9, -1, 0, 0.5, 2};
        float[] labels = {0, 1, 1, 0};

        Classification c = Classification.ofLogits(logits, 1, labels, 1); // the four rows after the first

        assertArrayEquals(new int[] {0, 0, 1, 1}, c.predicted());
        assertArrayEquals(new int[] {0, 1, 1, 0}, c.actual());
        assertArrayEquals(new double[] {-1, 0, 0.5, 2}, c.positive(), "a logit is its own score");
    }

    @Test
    void packedColumnsAreReadAtTheirOffset() {
        // two trials of one output side by side: trial 1 is the second column
        double[] out = {1, -1, -1, 1, 1, 1};
        Classification c = Classification.of(out, 2, 1, new float[] {0, 1, 1}, 1);
        assertArrayEquals(new int[] {0, 1, 1}, c.predicted());
        assertEquals(1.0, c.accuracy());
    }

    @Test
    void balancedAccuracyIsTheMeanRecallOfThePresentClasses() {
        // 8 of class 0 all right, 2 of class 1 one right: accuracy 0.9, balanced (1 + 0.5) / 2
        int[] actual = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1};
        int[] predicted = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0};
        Classification c = new Classification(predicted, actual, null, 3);
        assertEquals(0.9, c.accuracy(), 1e-15);
        assertEquals(0.75, c.balancedAccuracy(), 1e-15, "class 2 is absent and does not count");
    }

    @Test
    void aucIsOneForAPerfectRankingAndZeroForAnInvertedOne() {
        assertEquals(1.0, binary(new double[] {0.1, 0.2, 0.8, 0.9}, 0, 0, 1, 1).rocAuc());
        assertEquals(0.0, binary(new double[] {0.9, 0.8, 0.2, 0.1}, 0, 0, 1, 1).rocAuc());
    }

    @Test
    void aucCountsTiesHalf() {
        // pairs (pos, neg): (0.5 vs 0.5) tie = 0.5, (0.5 vs 0.1) = 1, (0.9 vs 0.5) = 1, (0.9 vs 0.1) = 1 -> 3.5 / 4
        assertEquals(0.875, binary(new double[] {0.5, 0.1, 0.5, 0.9}, 0, 0, 1, 1).rocAuc(), 1e-15);
        assertEquals(0.5, binary(new double[] {1, 1, 1, 1}, 0, 1, 0, 1).rocAuc(), 1e-15, "all tied");
    }

    @Test
    void aucIsNaNWhenAClassIsAbsent() {
        assertTrue(Double.isNaN(binary(new double[] {0.1, 0.9}, 1, 1).rocAuc()));
        assertTrue(Double.isNaN(binary(new double[] {0.1, 0.9}, 0, 0).rocAuc()));
    }

    @Test
    void averagePrecisionFollowsScikitLearnsRule() {
        // sklearn: average_precision_score([0, 0, 1, 1], [0.1, 0.4, 0.35, 0.8]) == 0.8333...
        assertEquals(5.0 / 6, binary(new double[] {0.1, 0.4, 0.35, 0.8}, 0, 0, 1, 1).averagePrecision(), 1e-15);
        assertEquals(1.0, binary(new double[] {0.1, 0.2, 0.8, 0.9}, 0, 0, 1, 1).averagePrecision());
        // inverted: positives found at ranks 3 and 4: 1/2 * 1/3 + 1/2 * 2/4 = 5/12
        assertEquals(5.0 / 12, binary(new double[] {0.9, 0.8, 0.2, 0.1}, 0, 0, 1, 1).averagePrecision(), 1e-15);
    }

    @Test
    void averagePrecisionTakesTiedScoresTogether() {
        // one threshold holding everything: precision 2/4 at recall 1
        assertEquals(0.5, binary(new double[] {1, 1, 1, 1}, 0, 1, 0, 1).averagePrecision(), 1e-15);
    }

    @Test
    void averagePrecisionIsNaNWithoutPositivesAndOneWithoutNegatives() {
        assertTrue(Double.isNaN(binary(new double[] {0.1, 0.9}, 0, 0).averagePrecision()));
        assertEquals(1.0, binary(new double[] {0.1, 0.9}, 1, 1).averagePrecision());
    }

    @Test
    void nanScoresGiveNaNAucs() {
        Classification c = binary(new double[] {Double.NaN, 0.9}, 0, 1);
        assertTrue(Double.isNaN(c.rocAuc()));
        assertTrue(Double.isNaN(c.averagePrecision()));
    }

    @Test
    void aClassificationOfMismatchedArraysIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Classification(new int[2], new int[3], null, 2));
        assertEquals("predicted, actual and positive must hold one value per example, found 2, 3, none", e.getMessage());
    }

    @Test
    void aClassificationOfFewerThanTwoClassesIsRefused() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Classification(new int[1], new int[1], null, 1));
        assertEquals("classes must be >= 2, found 1", e.getMessage());
    }
}
