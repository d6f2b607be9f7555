package io.lossgrid.outcome;

/** Why a trial was judged diverged. */
public enum DivergenceCause {
    /** The loss or a parameter became NaN. */
    NAN,
    /** The loss or a parameter became infinite. */
    INF,
    /** The loss exceeded {@link OutcomeRules#explosionFactor()} times its initial value. */
    EXPLOSION
}
