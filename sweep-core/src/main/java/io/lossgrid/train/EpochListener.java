package io.lossgrid.train;

/**
 * Told how many trial-epochs were just trained, so that a long trial's progress shows before it ends.
 * Called on the training thread once per epoch of every trial alone ({@code 1}) and once per epoch of a pack
 * (the number of its trials still training); never for the row recorded before the first update.
 * Implementations must be cheap (one add: no lock, no allocation) and must not throw.
 */
@FunctionalInterface
public interface EpochListener {
    /** Listens to nothing: the default. */
    EpochListener NONE = epochs -> { };

    /** {@code epochs} (at least 1) trial-epochs were trained since the last call. */
    void epochsDone(long epochs);
}
