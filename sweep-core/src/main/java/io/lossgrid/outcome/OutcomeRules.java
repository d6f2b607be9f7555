package io.lossgrid.outcome;

import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rules that turn a loss curve into a {@link Status} and metrics; pure functions of the curve,
 * set in a spec's {@code convergence:} section.
 *
 * <p>Let {@code L0} be the loss before any update and {@code T} the target loss. A loss {@code L}
 * <em>reaches the target</em> when {@code L - T <= tolerance * (L0 - T)}: the excess over the target
 * has fallen to {@code tolerance} of what it was at the start.
 *
 * @param targetLoss      the target {@code T}; null means "none given" (see {@link io.lossgrid.outcome.Outcome})
 * @param tolerance       the share of the initial excess loss that may remain at the target (default 1e-3)
 * @param explosionFactor a finite loss above {@code explosionFactor * L0} counts as diverged (default 1e3)
 * @param oscillationShare a trial is OSCILLATING when in the second half of its run at least this share of
 *                        epochs raised the loss (default 0.2)...
 * @param minRise         ...and the largest of those rises was at least this relative amount (default 1e-3),
 *                        so that float noise at a floor is not called an oscillation
 * @param plateauShare    without a target, a trial is CONVERGED when its last tenth of epochs (at least 5)
 *                        made at most this share of its total progress (default 0.01)
 */
public record OutcomeRules(Double targetLoss, double tolerance, double explosionFactor, double oscillationShare,
                           double minRise, double plateauShare) implements Serializable {

    public static final double DEFAULT_TOLERANCE = 1e-3;
    public static final double DEFAULT_EXPLOSION_FACTOR = 1e3;
    public static final double DEFAULT_OSCILLATION_SHARE = 0.2;
    public static final double DEFAULT_MIN_RISE = 1e-3;
    public static final double DEFAULT_PLATEAU_SHARE = 0.01;

    public static final OutcomeRules DEFAULT = new OutcomeRules(null, DEFAULT_TOLERANCE, DEFAULT_EXPLOSION_FACTOR,
            DEFAULT_OSCILLATION_SHARE, DEFAULT_MIN_RISE, DEFAULT_PLATEAU_SHARE);

    public OutcomeRules {
        if (targetLoss != null && !(targetLoss >= 0 && Double.isFinite(targetLoss))) {
            throw io.lossgrid.base.SpecException.of("targetLoss", "must be >= 0 and finite", targetLoss);
        }
        if (!(tolerance > 0 && tolerance < 1)) {
            throw io.lossgrid.base.SpecException.of("tolerance", "must be in (0, 1)", tolerance);
        }
        if (!(explosionFactor > 1) || Double.isInfinite(explosionFactor)) {
            throw io.lossgrid.base.SpecException.of("explosionFactor", "must be > 1 and finite", explosionFactor);
        }
        if (!(oscillationShare > 0 && oscillationShare <= 1)) {
            throw io.lossgrid.base.SpecException.of("oscillationShare", "must be in (0, 1]", oscillationShare);
        }
        if (!(minRise >= 0) || Double.isInfinite(minRise)) {
            throw io.lossgrid.base.SpecException.of("minRise", "must be >= 0 and finite", minRise);
        }
        if (!(plateauShare > 0 && plateauShare < 1)) {
            throw io.lossgrid.base.SpecException.of("plateauShare", "must be in (0, 1)", plateauShare);
        }
    }

    /** The same rules with another target. */
    public OutcomeRules withTarget(Double target) {
        return new OutcomeRules(target, tolerance, explosionFactor, oscillationShare, minRise, plateauShare);
    }

    /** True when {@code loss} is within tolerance of {@code target}, measured against the initial loss. */
    public boolean reaches(double loss, double initialLoss, double target) {
        return loss - target <= tolerance * Math.max(0, initialLoss - target);
    }

    /** The cause for which a loss at some epoch counts as diverged, or null when it does not. */
    public DivergenceCause lossDivergence(double loss, double initialLoss) {
        if (Double.isNaN(loss)) {
            return DivergenceCause.NAN;
        }
        if (Double.isInfinite(loss)) {
            return DivergenceCause.INF;
        }
        if (loss > explosionFactor * Math.max(initialLoss, Double.MIN_NORMAL)) {
            return DivergenceCause.EXPLOSION;
        }
        return null;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (targetLoss != null) {
            m.put("targetLoss", targetLoss);
        }
        m.put("tolerance", tolerance);
        m.put("explosionFactor", explosionFactor);
        m.put("oscillationShare", oscillationShare);
        m.put("minRise", minRise);
        m.put("plateauShare", plateauShare);
        return m;
    }
}
