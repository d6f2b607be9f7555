package io.lossgrid.job;

import io.lossgrid.grid.Trial;
import io.lossgrid.search.Bracket;
import io.lossgrid.search.BoundaryStrategy;
import io.lossgrid.search.Round;
import io.lossgrid.search.SearchState;
import io.lossgrid.search.Strategy;
import io.lossgrid.spec.BoundarySearch;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultStore;
import io.lossgrid.store.RoundRecord;
import io.lossgrid.store.SweepManifest;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * A boundary search's rounds, around the batch loop: when a round's trials are all committed (or when the run
 * starts) the search state is rebuilt from the store's committed trials ({@link ResultStore#finishedTrials}),
 * never kept in memory alone, and {@link BoundaryStrategy#next} plans the next round; its pending trials are
 * handed out in batches. So a resumed run keeps the completed rounds, completes a round it was killed in with
 * the trials planned for it, and goes on as an uninterrupted run would.
 *
 * <p>Reading the state back costs one parquet-mr pass over the committed trials files (six columns, no Spark
 * job) per round: a few milliseconds for the thousands of trials a search runs.
 */
final class SearchRounds implements TrialSource {
    private final BoundaryStrategy strategy;
    private final BoundarySearch search;
    private final ResultStore<?> store;
    private final IntSupplier taskSlots;
    private final PrintStream log;
    private SearchState state;
    /** Rounds whose trials are all committed, as of {@link #state}. */
    private int finishedRounds;
    private List<Trial> pending = List.of();
    private int cursor;
    /** The round just planned, said in the log after the rounds before it are recorded; null once said. */
    private Round announce;

    SearchRounds(SweepSpec spec, BoundarySearch search, ResultStore<?> store, IntSupplier taskSlots, PrintStream log) {
        this.strategy = (BoundaryStrategy) Strategy.of(spec);
        this.search = search;
        this.store = store;
        this.taskSlots = taskSlots;
        this.log = log;
    }

    @Override
    public List<Trial> next(int size) {
        if (cursor >= pending.size()) {
            state = SearchState.of(store.finishedTrials());
            Optional<Round> round = strategy.next(state, taskSlots.getAsInt());
            finishedRounds = round.map(Round::number).orElse(state.lastRound() + 1);
            pending = round.map(r -> r.pending(state)).orElse(List.of());
            cursor = 0;
            announce = round.orElse(null);
        }
        List<Trial> batch = pending.subList(cursor, Math.min(pending.size(), cursor + size));
        cursor += batch.size();
        return List.copyOf(batch);
    }

    /** {@code manifest} with every finished round it does not record yet, counted from the committed trials. */
    @Override
    public SweepManifest recorded(SweepManifest manifest) {
        SweepManifest m = manifest;
        for (int r = m.rounds().size(); r < finishedRounds; r++) {
            int round = r;
            int trials = (int) state.rows().stream().filter(f -> f.round() == round).count();
            long open = strategy.brackets(state.before(round + 1)).stream()
                    .filter(b -> b.kind() == Bracket.Kind.BRACKETED && !b.within(search.precision())).count();
            m = m.withRound(new RoundRecord(round, trials, (int) open));
            log.printf("[lossgrid] round %d done: %d trials, %d brackets open%n", round, trials, open);
        }
        if (announce != null) {
            log.printf("[lossgrid] round %d: %d trials (%d to train), %d of %d trials of the budget spent before it%n",
                    announce.number(), announce.trials().size(), pending.size(), state.size(), search.budget());
            announce = null;
        }
        return m;
    }
}
