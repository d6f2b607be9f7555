package io.lossgrid.outcome;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class OutcomeRulesTest {
    private static final OutcomeRules RULES = OutcomeRules.DEFAULT;

    @Test
    void aNanLossDivergesWithCauseNan() {
        assertEquals(DivergenceCause.NAN, RULES.lossDivergence(Double.NaN, 1.0));
    }

    @Test
    void anInfiniteLossDivergesWithCauseInf() {
        assertEquals(DivergenceCause.INF, RULES.lossDivergence(Double.POSITIVE_INFINITY, 1.0));
        assertEquals(DivergenceCause.INF, RULES.lossDivergence(Double.NEGATIVE_INFINITY, 1.0));
    }

    @Test
    void aLossAboveTheExplosionFactorTimesTheInitialLossExplodes() {
        assertEquals(DivergenceCause.EXPLOSION, RULES.lossDivergence(2000.5, 2.0));
        assertNull(RULES.lossDivergence(2000.0, 2.0), "exactly the factor is still allowed");
        assertNull(RULES.lossDivergence(3.0, 2.0));
        OutcomeRules strict = new OutcomeRules(null, 1e-3, 10, 0.2, 1e-3, 0.01);
        assertEquals(DivergenceCause.EXPLOSION, strict.lossDivergence(21, 2.0));
        assertNull(strict.lossDivergence(20, 2.0));
    }

    @Test
    void aZeroInitialLossStillAllowsAnExplosionToBeSeen() {
        assertEquals(DivergenceCause.EXPLOSION, RULES.lossDivergence(1e-3, 0.0));
        assertNull(RULES.lossDivergence(0.0, 0.0));
    }

    @Test
    void reachingTheTargetIsMeasuredAgainstTheInitialExcess() {
        assertTrue(RULES.reaches(0.001, 1.0, 0.0));
        assertFalse(RULES.reaches(0.0011, 1.0, 0.0));
        assertTrue(RULES.reaches(0.1009, 1.1, 0.1));
        assertFalse(RULES.reaches(0.1011, 1.1, 0.1));
    }

    @Test
    void aCurveStartingBelowTheTargetReachesItOnlyWhileBelow() {
        assertTrue(RULES.reaches(0.05, 0.05, 0.1));
        assertTrue(RULES.reaches(0.1, 0.05, 0.1));
        assertFalse(RULES.reaches(0.2, 0.05, 0.1));
    }

    @Test
    void withTargetChangesOnlyTheTarget() {
        OutcomeRules r = new OutcomeRules(null, 0.05, 100, 0.3, 0.01, 0.02);
        assertEquals(new OutcomeRules(0.5, 0.05, 100, 0.3, 0.01, 0.02), r.withTarget(0.5));
        assertEquals(r, r.withTarget(0.5).withTarget(null));
    }

    @Test
    void theResolvedRulesOmitAnAbsentTarget() {
        assertEquals(List.of("tolerance", "explosionFactor", "oscillationShare", "minRise", "plateauShare"),
                List.copyOf(RULES.toMap().keySet()));
        assertEquals(0.25, RULES.withTarget(0.25).toMap().get("targetLoss"));
    }

    @Test
    void rulesBuiltInCodeAreValidatedWithUnprefixedPaths() {
        assertRefused("tolerance must be in (0, 1), found 1.5", () -> new OutcomeRules(null, 1.5, 1e3, 0.2, 1e-3, 0.01));
        assertRefused("targetLoss must be >= 0 and finite, found NaN",
                () -> new OutcomeRules(Double.NaN, 1e-3, 1e3, 0.2, 1e-3, 0.01));
        assertRefused("minRise must be >= 0 and finite, found Infinity",
                () -> new OutcomeRules(null, 1e-3, 1e3, 0.2, Double.POSITIVE_INFINITY, 0.01));
    }
}
