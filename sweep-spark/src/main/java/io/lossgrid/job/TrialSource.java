package io.lossgrid.job;

import io.lossgrid.grid.Trial;
import io.lossgrid.spec.BoundarySearch;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.SweepManifest;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * Where a run's batches come from: the grid's trials in the spec's order ({@link GridTrials}, a grid or a random
 * search: one round), or a boundary search's rounds ({@link SearchRounds}), each planned from the trials the
 * store holds committed. {@link SweepRun}'s batch loop asks for the next batch only after the previous one is
 * committed, so a batch never spans two rounds and a round is planned from committed results alone.
 */
sealed interface TrialSource permits GridTrials, SearchRounds {

    /**
     * The source of {@code spec}'s trials.
     *
     * @param store     the run's store, opened in the run's mode (a search reads its committed trials back)
     * @param committed the ids committed when the run started (the grid skips them)
     * @param taskSlots how many trials the cluster trains at once, read when a round is planned
     * @param log       where a search says which round it runs
     */
    static TrialSource of(SweepSpec spec, ResultStore<?> store, Set<String> committed, IntSupplier taskSlots,
                          PrintStream log) {
        return spec.search() instanceof BoundarySearch b ? new SearchRounds(spec, b, store, taskSlots, log)
                : new GridTrials(spec, committed);
    }

    /**
     * The next at most {@code size} trials to train, none of them committed; empty when there are none left.
     * Called only once the trials it returned before are committed.
     */
    List<Trial> next(int size);

    /** {@code manifest} with what this source finished since it started (a search's rounds); as it was otherwise. */
    SweepManifest recorded(SweepManifest manifest);
}
