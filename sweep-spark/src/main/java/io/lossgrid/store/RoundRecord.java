package io.lossgrid.store;

/**
 * One finished round of a search as {@code sweep.json} records it. A grid or a random search is one round and
 * records none; a boundary search records each round once all its trials are committed.
 *
 * @param round        the round's number, from 0 (the trials table's {@code round} column)
 * @param trials       the trials it consists of (every probe times every seed)
 * @param openBrackets brackets still open after it: cells whose stable and unstable probes are not yet within
 *                     {@code search.precision} of each other; 0 after the last round, unless the budget ran out
 */
public record RoundRecord(int round, int trials, int openBrackets) {
    public RoundRecord {
        if (round < 0) {
            throw new IllegalArgumentException("sweep.json: rounds[].round must be >= 0, found " + round);
        }
        if (trials < 1) {
            throw new IllegalArgumentException("sweep.json: rounds[].trials of round " + round + " must be >= 1, found "
                    + trials);
        }
        if (openBrackets < 0) {
            throw new IllegalArgumentException("sweep.json: rounds[].openBrackets of round " + round
                    + " must be >= 0, found " + openBrackets);
        }
    }
}
