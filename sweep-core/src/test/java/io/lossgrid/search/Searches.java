package io.lossgrid.search;

import io.lossgrid.grid.Trial;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** Test helper: the driver's loop, with any way of running a round's trials. */
final class Searches {
    private Searches() {
    }

    /**
     * Runs rounds from {@code state} until the strategy is done or {@code rounds} more rounds have run, and
     * returns the state at the end.
     */
    static SearchState run(Strategy strategy, SearchState state, int taskSlots, int rounds,
                           Function<List<Trial>, List<Finished>> runner) {
        SearchState s = state;
        for (int i = 0; i < rounds; i++) {
            Optional<Round> round = strategy.next(s, taskSlots);
            if (round.isEmpty()) {
                return s;
            }
            s = s.with(runner.apply(round.get().pending(s)));
        }
        return s;
    }

    /** Runs the search to its end (at most 1000 rounds, far more than any search here needs). */
    static SearchState run(Strategy strategy, SearchState state, int taskSlots,
                           Function<List<Trial>, List<Finished>> runner) {
        return run(strategy, state, taskSlots, 1000, runner);
    }
}
