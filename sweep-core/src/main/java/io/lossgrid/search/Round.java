package io.lossgrid.search;

import io.lossgrid.grid.Trial;
import java.util.List;

/**
 * One round of a search: the trials it consists of, all of round {@code number}, in their fixed order. A round
 * resumed after a killed driver lists its trials that already finished too; {@link #pending} leaves them out.
 *
 * @param number the round, from 0
 * @param trials its trials; not empty
 */
public record Round(int number, List<Trial> trials) {
    public Round {
        if (number < 0) {
            throw new IllegalArgumentException("a round's number must be >= 0, found " + number);
        }
        if (trials.isEmpty()) {
            throw new IllegalArgumentException("round " + number + " must hold at least one trial");
        }
    }

    /** The trials of this round that have not finished in {@code state}, in order. */
    public List<Trial> pending(SearchState state) {
        return trials.stream().filter(t -> !state.finished(t.id())).toList();
    }
}
