package io.lossgrid.outcome;

/** What became of a trial. Every trial ends with exactly one status; none is retried. */
public enum Status {
    /** The loss reached the target (or, without a target, settled on a plateau). */
    CONVERGED,
    /** Finished all epochs without reaching the target, without diverging or oscillating. */
    NOT_CONVERGED,
    /** Neither converged nor diverged, but kept rising and falling (see {@link OutcomeRules}). */
    OSCILLATING,
    /** Loss or parameters became NaN or infinite, or the loss exploded past its limit; training stopped there. */
    DIVERGED,
    /** Training threw; the error column says what. */
    FAILED
}
