package io.lossgrid.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class CurveGroupTest {
    static final double NAN = Double.NaN;

    @Test
    void theMedianAndBandAreTakenOverTheSeedsAtEachEpoch() {
        CurveGroup g = new CurveGroup("a", false, List.of(
                new SeedCurve(1, new double[] {4, 3, 2}),
                new SeedCurve(2, new double[] {6, 1, 5}),
                new SeedCurve(3, new double[] {5, 2, 8})));
        assertArrayEquals(new double[] {5, 2, 5}, g.median());
        assertArrayEquals(new double[] {4, 1, 2}, g.low());
        assertArrayEquals(new double[] {6, 3, 8}, g.high());
    }

    @Test
    void anEvenNumberOfSeedsTakesTheMeanOfTheMiddleTwo() {
        CurveGroup g = new CurveGroup("a", false, List.of(new SeedCurve(1, new double[] {2}), new SeedCurve(2, new double[] {4})));
        assertArrayEquals(new double[] {3}, g.median());
    }

    @Test
    void aSeedThatDivergedLeavesTheStatisticsWhereItsCurveStops() {
        CurveGroup g = new CurveGroup("a", false, List.of(
                new SeedCurve(1, new double[] {4, 3, 2, 1}),
                new SeedCurve(2, new double[] {6, 50, Double.POSITIVE_INFINITY})));
        assertEquals(4, g.length());
        assertArrayEquals(new double[] {5, 26.5, 2, 1}, g.median());
        assertArrayEquals(new double[] {4, 3, 2, 1}, g.low());
    }

    @Test
    void anEpochWithoutAnyDrawableLossIsNaN() {
        CurveGroup g = new CurveGroup("a", false, List.of(new SeedCurve(1, new double[] {1, NAN, 0})));
        assertArrayEquals(new double[] {1, NAN, NAN}, g.median());
    }

    @Test
    void aGroupWithoutALabelIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new CurveGroup(" ", false, List.of(new SeedCurve(1, new double[] {1}))));
        assertEquals("report curve group: label must name the configuration, found a blank label", e.getMessage());
    }

    @Test
    void aGroupWithoutSeedsIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CurveGroup("α=1, lr=0.1", false, List.of()));
        assertEquals("report curve group 'α=1, lr=0.1': seeds must hold at least one curve, found none", e.getMessage());
    }

    @Test
    void aGroupWithASeedTwiceIsRefusedWithTheSeed() {
        var e = assertThrows(IllegalArgumentException.class, () -> new CurveGroup("g", false,
                List.of(new SeedCurve(7, new double[] {1}), new SeedCurve(7, new double[] {2}))));
        assertEquals("report curve group 'g': seeds must be distinct, found seed 7 twice", e.getMessage());
    }

    @Test
    void anEmptyCurveIsRefusedWithTheRule() {
        var e = assertThrows(IllegalArgumentException.class, () -> new SeedCurve(3, new double[0]));
        assertEquals("report curve of seed 3: loss must hold at least epoch 0, found an empty curve; a trial writes its"
                + " epoch 0 before any update", e.getMessage());
    }

    @Test
    void aSeedCurveKeepsItsValuesWhenTheCallersArrayChanges() {
        double[] y = {1, 2};
        SeedCurve c = new SeedCurve(1, y);
        y[0] = 9;
        c.loss()[1] = 9;
        assertArrayEquals(new double[] {1, 2}, c.loss());
    }
}
