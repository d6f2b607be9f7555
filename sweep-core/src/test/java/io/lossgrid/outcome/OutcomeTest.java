package io.lossgrid.outcome;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

/** {@link Outcome} on hand-made curves: one test per status, and the metrics beside it. */
class OutcomeTest {
    private static final OutcomeRules RULES = OutcomeRules.DEFAULT;

    /** A curve of {@code epochs + 1} rows, row e being {@code f(e)}. */
    private static double[] curve(int epochs, IntToDoubleFunction f) {
        double[] out = new double[epochs + 1];
        for (int e = 0; e <= epochs; e++) {
            out[e] = f.applyAsDouble(e);
        }
        return out;
    }

    private static TrialMetrics judge(double[] loss, Double target) {
        return Outcome.judge(loss, new double[loss.length], loss.length, null, null, RULES, target);
    }

    /** Falls from 2 to 1 over the first half, then alternates 1, 1 + rise, 1, ... */
    private static double[] fallThenAlternate(int epochs, double rise) {
        return curve(epochs, e -> e <= epochs / 2 ? 2.0 - e / (epochs / 2.0) : e % 2 == 1 ? 1.0 + rise : 1.0);
    }

    @Test
    void aCurveReachingItsTargetConvergesAndCountsEpochsToTarget() {
        // L = 0.5^e, target 0: reached once L <= 1e-3 * L0, i.e. at e = 10 (0.5^10 = 9.8e-4; 0.5^9 = 2.0e-3).
        double[] loss = curve(20, e -> Math.pow(0.5, e));
        TrialMetrics m = judge(loss, 0.0);
        assertEquals(Status.CONVERGED, m.status());
        assertEquals(10, m.epochsToTarget());
        assertEquals(20, m.epochsRun());
        assertEquals(1.0, m.initialLoss());
        assertEquals(Math.pow(0.5, 20), m.finalLoss());
        assertEquals(Math.pow(0.5, 20), m.minLoss());
        assertEquals(0.0, m.targetLoss());
        assertEquals(0.0, m.riseShare());
        assertEquals(0.0, m.maxRise());
        assertNull(m.divergedEpoch());
        assertNull(m.divergenceCause());
        assertNull(m.divergenceLossRatio());
    }

    @Test
    void theTargetToleranceIsMeasuredOnTheExcessOverTheTarget() {
        // L = 0.1 + 0.9 * 0.5^e, target 0.1: the excess 0.9 * 0.5^e falls to 1e-3 of 0.9 at e = 10, as above.
        double[] loss = curve(12, e -> 0.1 + 0.9 * Math.pow(0.5, e));
        TrialMetrics m = judge(loss, 0.1);
        assertEquals(Status.CONVERGED, m.status());
        assertEquals(10, m.epochsToTarget());
    }

    @Test
    void aCurveStoppingShortOfItsTargetHasNotConverged() {
        double[] loss = curve(5, e -> Math.pow(0.5, e));
        TrialMetrics m = judge(loss, 0.0);
        assertEquals(Status.NOT_CONVERGED, m.status());
        assertNull(m.epochsToTarget());
    }

    @Test
    void aPlateauAboveAKnownTargetHasNotConverged() {
        double[] loss = curve(100, e -> e == 0 ? 1.0 : 0.5);
        assertEquals(Status.NOT_CONVERGED, judge(loss, 0.0).status());
        assertEquals(Status.CONVERGED, judge(loss, null).status(), "the same curve without a target has plateaued");
    }

    @Test
    void withoutATargetASettledCurveConvergesByPlateau() {
        // L = 1 + 9 exp(-e/5): the last 10 of 100 epochs gain 9(e^-18 - e^-20), far below 1% of the total 9(1 - e^-20).
        double[] loss = curve(100, e -> 1 + 9 * Math.exp(-e / 5.0));
        TrialMetrics m = judge(loss, null);
        assertEquals(Status.CONVERGED, m.status());
        assertNull(m.targetLoss());
        assertNull(m.epochsToTarget());
    }

    @Test
    void withoutATargetAStillFallingCurveHasNotConverged() {
        // L = 2 - e/100: the last tenth makes 10% of the progress, above the 1% plateau share.
        assertEquals(Status.NOT_CONVERGED, judge(curve(100, e -> 2 - e / 100.0), null).status());
    }

    @Test
    void theLastTenthMayMakeAtMostThePlateauShareOfTheProgress() {
        // Plateau share 1/4 and a total progress of 1, all exact in binary: the last 10 epochs make exactly
        // 1/4 of the progress (inside the rule) or a little more (outside).
        OutcomeRules quarter = new OutcomeRules(null, 1e-3, 1e3, 0.2, 1e-3, 0.25);
        double[] inside = curve(100, e -> e == 0 ? 2.0 : e <= 90 ? 1.25 : 1.0);
        double[] outside = curve(100, e -> e == 0 ? 2.0 : e <= 90 ? 1.2500001 : 1.0);
        assertEquals(Status.CONVERGED, Outcome.judge(inside, new double[101], 101, null, null, quarter, null).status());
        assertEquals(Status.NOT_CONVERGED, Outcome.judge(outside, new double[101], 101, null, null, quarter, null).status());
        assertEquals(Status.NOT_CONVERGED, judge(inside, null).status(), "the default share is 1%");
    }

    @Test
    void aFlatCurveHasMadeNoProgressAndHasNotConverged() {
        assertEquals(Status.NOT_CONVERGED, judge(curve(100, e -> 1.0), null).status());
    }

    @Test
    void thePlateauWindowIsAtLeastFiveEpochs() {
        double[] tenEpochs = curve(10, e -> e == 0 ? 1.0 : 0.1);
        double[] fourEpochs = curve(4, e -> e == 0 ? 1.0 : 0.1);
        assertEquals(Status.CONVERGED, judge(tenEpochs, null).status());
        assertEquals(Status.NOT_CONVERGED, judge(fourEpochs, null).status(), "fewer epochs than the window");
    }

    @Test
    void aCurveRisingAndFallingInItsSecondHalfIsOscillating() {
        // Epochs 50..100 give 51 steps; the 25 odd epochs from 51 to 99 rise by 0.1 from 1.0.
        TrialMetrics m = judge(fallThenAlternate(100, 0.1), null);
        assertEquals(Status.OSCILLATING, m.status());
        assertEquals(25.0 / 51, m.riseShare(), 1e-12);
        assertEquals(0.1, m.maxRise(), 1e-12);
        assertEquals(Status.OSCILLATING, judge(fallThenAlternate(100, 0.1), 0.0).status(), "with a target it misses");
    }

    @Test
    void risesBelowTheMinimumRiseAreFloatNoiseNotOscillation() {
        TrialMetrics m = judge(fallThenAlternate(100, 1e-7), null);
        assertEquals(25.0 / 51, m.riseShare(), 1e-12);
        assertEquals(1e-7, m.maxRise(), 1e-12);
        assertEquals(Status.CONVERGED, m.status(), "a plateau with noise");
    }

    @Test
    void tooFewRisesAreNotOscillation() {
        // Only epoch 99 rises in the second half: 1 of 51 steps, under the 20% share.
        double[] loss = curve(100, e -> e == 99 ? 1.5 : e <= 50 ? 2.0 - e / 50.0 : 1.0);
        TrialMetrics m = judge(loss, null);
        assertEquals(1.0 / 51, m.riseShare(), 1e-12);
        assertEquals(0.5, m.maxRise(), 1e-12);
        assertEquals(Status.CONVERGED, m.status());
    }

    @Test
    void reachingTheTargetOutranksOscillating() {
        // Oscillates between 1e-4 and 2e-4 in the second half: rises of 100%, but ends below 1e-3 of L0 = 1.
        double[] loss = curve(100, e -> e == 0 ? 1.0 : e % 2 == 1 ? 2e-4 : 1e-4);
        loss[100] = 1e-4;
        TrialMetrics m = judge(loss, 0.0);
        assertEquals(Status.CONVERGED, m.status());
        assertEquals(1.0, m.maxRise(), 1e-12);
        assertEquals(1, m.epochsToTarget());
    }

    @Test
    void aDivergenceFoundWhileTrainingIsPassedThroughWithItsMetrics() {
        double[] loss = {1, 2, 50, 5000};
        double[] grad = {0.1, 0.2, 3, 70};
        TrialMetrics m = Outcome.judge(loss, grad, 4, 3, DivergenceCause.EXPLOSION, RULES, null);
        assertEquals(Status.DIVERGED, m.status());
        assertEquals(3, m.divergedEpoch());
        assertEquals(DivergenceCause.EXPLOSION, m.divergenceCause());
        assertEquals(5000.0, m.divergenceLossRatio());
        assertEquals(70.0, m.divergenceGradNorm());
        assertEquals(3, m.epochsRun());
        assertEquals(5000.0, m.finalLoss());
        assertEquals(1.0, m.minLoss());
    }

    @Test
    void aDivergenceOutranksAReachedTargetAndNanIsLeftOutOfTheMinimum() {
        double[] loss = {1, 0, Double.NaN};
        TrialMetrics m = Outcome.judge(loss, new double[] {1, 1, Double.NaN}, 3, 2, DivergenceCause.NAN, RULES, 0.0);
        assertEquals(Status.DIVERGED, m.status());
        assertEquals(1, m.epochsToTarget(), "the epoch that reached the target is still reported");
        assertEquals(0.0, m.minLoss());
        assertTrue(Double.isNaN(m.divergenceLossRatio()));
        assertTrue(Double.isNaN(m.finalLoss()));
    }

    @Test
    void onlyTheGivenRowsAreJudged() {
        double[] loss = {1, 0.5, 0.25, Double.NaN, 99};
        TrialMetrics m = Outcome.judge(loss, new double[5], 3, null, null, RULES, null);
        assertEquals(2, m.epochsRun());
        assertEquals(0.25, m.finalLoss());
        assertEquals(0.25, m.minLoss());
    }

    @Test
    void aCurveWithoutRowsCannotBeJudged() {
        assertThrows(IllegalArgumentException.class, () -> Outcome.judge(new double[0], new double[0], 0, null, null,
                RULES, null));
    }

    @Test
    void aTrialThatFailedBeforeItsFirstRowHasNoLosses() {
        TrialMetrics m = Outcome.failed(new double[4], 0, 0.5);
        assertEquals(Status.FAILED, m.status());
        assertEquals(0, m.epochsRun());
        assertNull(m.initialLoss());
        assertNull(m.finalLoss());
        assertNull(m.minLoss());
        assertEquals(0.5, m.targetLoss());
        assertNull(m.epochsToTarget());
        assertEquals(0.0, m.riseShare());
        assertEquals(0.0, m.maxRise());
    }

    @Test
    void aTrialThatFailedMidwayKeepsTheRowsItRecorded() {
        // Rows 0..2: 3, 2, 2.5. The second half starts at row 1: one fall, one rise of 0.5/2.
        TrialMetrics m = Outcome.failed(new double[] {3, 2, 2.5, 0}, 3, null);
        assertEquals(Status.FAILED, m.status());
        assertEquals(2, m.epochsRun());
        assertEquals(3.0, m.initialLoss());
        assertEquals(2.5, m.finalLoss());
        assertEquals(2.0, m.minLoss());
        assertEquals(0.5, m.riseShare());
        assertEquals(0.25, m.maxRise());
        assertNull(m.divergedEpoch());
    }

    @Test
    void epochsToTargetIsTheFirstFiniteRowThatReachesIt() {
        double[] loss = {1, Double.NEGATIVE_INFINITY, 0.5, 0.0005, 0.0001};
        assertEquals(3, Outcome.epochsToTarget(loss, 5, RULES, 0.0));
        assertNull(Outcome.epochsToTarget(loss, 3, RULES, 0.0));
    }

    @Test
    void risesSkipStepsWithANonFiniteEnd() {
        double[] r = Outcome.rises(new double[] {4, 4, 2, Double.NaN, 3, 1}, 6);
        // Second half starts at row 3: steps 2->NaN and NaN->3 are skipped; 3->1 falls.
        assertEquals(0.0, r[0]);
        assertEquals(0.0, r[1]);
    }
}
