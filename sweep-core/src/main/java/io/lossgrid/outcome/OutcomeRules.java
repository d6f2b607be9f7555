package io.lossgrid.outcome;

import io.lossgrid.base.Field;
import io.lossgrid.base.Node;
import io.lossgrid.base.Section;
import io.lossgrid.base.Types;
import java.io.Serializable;
import java.util.Map;

/**
 * The rules that turn a loss curve into a {@link Status} and metrics; pure functions of the curve,
 * set in a spec's {@code convergence:} section, whose fields are declared once in {@link #FIELDS}.
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

    public static final Field<Double> TARGET_LOSS = Field.optional("targetLoss", Types.NUMBER,
                    "the loss that counts as converged",
                    "the exact least-squares minimum for a `linear` model under `mse`, else none")
            .rule("must be >= 0 and finite", v -> v >= 0 && Double.isFinite(v));
    public static final Field<Double> TOLERANCE = Field.withDefault("tolerance", Types.NUMBER, DEFAULT_TOLERANCE,
                    "a loss L reaches target T when L - T <= tolerance * (L0 - T), L0 the initial loss")
            .rule("must be in (0, 1)", v -> v > 0 && v < 1);
    public static final Field<Double> EXPLOSION_FACTOR = Field.withDefault("explosionFactor", Types.NUMBER,
                    DEFAULT_EXPLOSION_FACTOR, "a loss above explosionFactor * L0 counts as diverged")
            .rule("must be > 1 and finite", v -> v > 1 && Double.isFinite(v));
    public static final Field<Double> OSCILLATION_SHARE = Field.withDefault("oscillationShare", Types.NUMBER,
                    DEFAULT_OSCILLATION_SHARE, "OSCILLATING: in the second half of the run at least this share of "
                            + "epochs raised the loss (and the largest rise is at least `minRise`)")
            .rule("must be in (0, 1]", v -> v > 0 && v <= 1);
    public static final Field<Double> MIN_RISE = Field.withDefault("minRise", Types.NUMBER, DEFAULT_MIN_RISE,
                    "OSCILLATING also needs the largest rise in the second half to be at least this (relative)")
            .rule("must be >= 0 and finite", v -> v >= 0 && Double.isFinite(v));
    public static final Field<Double> PLATEAU_SHARE = Field.withDefault("plateauShare", Types.NUMBER,
                    DEFAULT_PLATEAU_SHARE, "without a target: CONVERGED when the last tenth of epochs (at least 5) "
                            + "made at most this share of the total progress")
            .rule("must be in (0, 1)", v -> v > 0 && v < 1);

    /** The {@code convergence} section. */
    public static final Section FIELDS = Section.of(TARGET_LOSS, TOLERANCE, EXPLOSION_FACTOR, OSCILLATION_SHARE,
            MIN_RISE, PLATEAU_SHARE);

    public static final OutcomeRules DEFAULT = new OutcomeRules(null, DEFAULT_TOLERANCE, DEFAULT_EXPLOSION_FACTOR,
            DEFAULT_OSCILLATION_SHARE, DEFAULT_MIN_RISE, DEFAULT_PLATEAU_SHARE);

    public OutcomeRules {
        if (targetLoss != null) {
            TARGET_LOSS.check(targetLoss);
        }
        TOLERANCE.check(tolerance);
        EXPLOSION_FACTOR.check(explosionFactor);
        OSCILLATION_SHARE.check(oscillationShare);
        MIN_RISE.check(minRise);
        PLATEAU_SHARE.check(plateauShare);
    }

    /** Reads a spec's {@code convergence} section; an absent one ({@code node} null) gives {@link #DEFAULT}. */
    public static OutcomeRules parse(Node node) {
        if (node == null) {
            return DEFAULT;
        }
        Section.Values v = FIELDS.read(node);
        Double target = v.get(TARGET_LOSS);
        double tol = v.get(TOLERANCE);
        double explosion = v.get(EXPLOSION_FACTOR);
        double osc = v.get(OSCILLATION_SHARE);
        double minRise = v.get(MIN_RISE);
        double plateau = v.get(PLATEAU_SHARE);
        return node.build(() -> new OutcomeRules(target, tol, explosion, osc, minRise, plateau));
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

    /** The rules, defaults filled in, in declaration order ({@code targetLoss} only when set). */
    public Map<String, Object> toMap() {
        return FIELDS.write(this);
    }
}
