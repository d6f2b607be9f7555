package io.lossgrid.search;

import io.lossgrid.outcome.Status;
import io.lossgrid.train.TrialResult;
import java.util.List;
import java.util.Objects;

/**
 * One finished trial as a search reads it back from the trials table: the columns {@code trial_id},
 * {@code round}, {@code alpha}, {@code learning_rate}, {@code seed} and {@code status}.
 *
 * @param trialId      the trial's id
 * @param round        the round that ran it, from 0
 * @param alpha        its α
 * @param learningRate its learning rate, &gt; 0
 * @param seed         its seed
 * @param status       how it ended
 */
public record Finished(String trialId, int round, double alpha, double learningRate, long seed, Status status) {
    /** The trials table's columns a row is read from, in the order of the components. */
    public static final List<String> COLUMNS = List.of("trial_id", "round", "alpha", "learning_rate", "seed", "status");

    public Finished {
        if (trialId == null || trialId.isBlank()) {
            throw new IllegalArgumentException("a finished trial's id must be a non-empty string, found " + trialId);
        }
        if (round < 0) {
            throw new IllegalArgumentException("trial " + trialId + ": round must be >= 0, found " + round);
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException("trial " + trialId + ": learning rate must be > 0 and finite, found "
                    + learningRate);
        }
        Objects.requireNonNull(status, "status");
    }

    /** The row of a trial just trained. */
    public static Finished of(TrialResult result) {
        var t = result.trial();
        return new Finished(t.id(), t.round(), t.alpha(), t.learningRate(), t.seed(), result.metrics().status());
    }
}
