package io.lossgrid.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class EpochMetricsTest {
    private static final Classification RIGHT = new Classification(new int[] {0, 1}, new int[] {0, 1},
            new double[] {-1, 1}, 2);

    @Test
    void theBestValidationLossIsTheSmallestFiniteOneAndItsFirstEpoch() {
        EpochMetrics m = new EpochMetrics(new double[] {3, 1, Double.NaN, 1, 2}, null, null, null, null, null);
        assertEquals(1.0, m.bestValLoss());
        assertEquals(1, m.bestValEpoch());
    }

    @Test
    void withoutAValidationSetThereIsNoBestValidationLoss() {
        EpochMetrics m = new EpochMetrics(null, new double[] {0.5}, null, null, null, null);
        assertNull(m.bestValLoss());
        assertNull(m.bestValEpoch());
    }

    @Test
    void aRegressionTrialWithoutValidationRecordsNothing() {
        EpochMetrics.Recorder r = new EpochMetrics.Recorder(false, 0, 4);
        r.add(Double.NaN, null, null);
        assertNull(r.finish(1));
    }

    @Test
    void aRegressionTrialWithValidationRecordsOnlyTheValidationLoss() {
        EpochMetrics.Recorder r = new EpochMetrics.Recorder(true, 0, 4);
        r.add(0.5, null, null);
        EpochMetrics m = r.finish(1);
        assertArrayEquals(new double[] {0.5}, m.valLoss());
        assertNull(m.accuracy());
        assertNull(m.valAccuracy());
        assertNull(m.valAuc());
    }

    @Test
    void aBinaryClassifierRecordsEveryMetricAndRowsItLacksAreNaN() {
        EpochMetrics.Recorder r = new EpochMetrics.Recorder(true, 2, 1);
        r.add(0.25, RIGHT, RIGHT);
        r.addEmpty();
        EpochMetrics m = r.finish(3);
        assertArrayEquals(new double[] {0.25, Double.NaN, Double.NaN}, m.valLoss());
        assertArrayEquals(new double[] {1, Double.NaN, Double.NaN}, m.accuracy());
        assertEquals(1.0, EpochMetrics.at(m.valAuc(), 0));
        assertEquals(1.0, EpochMetrics.at(m.valPrAuc(), 0));
        assertNull(EpochMetrics.at(m.valBalancedAccuracy(), 1), "NaN reads as null");
    }

    @Test
    void aClassifierWithoutValidationRecordsOnlyItsTrainingAccuracy() {
        EpochMetrics.Recorder r = new EpochMetrics.Recorder(false, 3, 1);
        r.add(Double.NaN, RIGHT, null);
        EpochMetrics m = r.finish(1);
        assertNotNull(m.accuracy());
        assertNull(m.valLoss());
        assertNull(m.valBalancedAccuracy());
    }

    @Test
    void moreThanTwoClassesHaveNoAucs() {
        EpochMetrics.Recorder r = new EpochMetrics.Recorder(true, 3, 1);
        r.add(1, RIGHT, RIGHT);
        EpochMetrics m = r.finish(1);
        assertNotNull(m.valBalancedAccuracy());
        assertNull(m.valAuc());
        assertNull(m.valPrAuc());
    }

    @Test
    void metricsOfDifferentLengthsAreRefused() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new EpochMetrics(new double[2], new double[3], null, null, null, null));
        assertEquals("every metric must have one value per recorded epoch (2), found 3", e.getMessage());
    }
}
