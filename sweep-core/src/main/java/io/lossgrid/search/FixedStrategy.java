package io.lossgrid.search;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SweepSpec;
import java.util.List;
import java.util.Optional;

/**
 * The grid or a random search: one round, round 0, of every trial {@link Grid#trials} lists (the product of the
 * grid's axes, or of the random samples and the grid's other axes). Done once every one of them has finished.
 */
final class FixedStrategy implements Strategy {
    private final List<Trial> trials;

    FixedStrategy(SweepSpec spec) {
        this.trials = Grid.trials(spec);
    }

    @Override
    public Optional<Round> next(SearchState state, int taskSlots) {
        for (Trial t : trials) {
            if (!state.finished(t.id())) {
                return Optional.of(new Round(0, trials));
            }
        }
        return Optional.empty();
    }
}
