package io.lossgrid.search;

import io.lossgrid.spec.BoundarySearch;
import io.lossgrid.spec.SweepSpec;
import java.util.Optional;

/**
 * Makes the rounds of a sweep from its spec and the outcomes so far. Pure: the same spec, the same
 * {@link SearchState} and the same {@code taskSlots} give the same round, with the same trial ids and indexes,
 * whichever order the state's rows were read in; so a driver that was killed rebuilds its state from the trials
 * table and continues, and a round it was killed in is completed with the trials it was planned with.
 *
 * <p>Trial indexes run on across rounds: a round's first trial comes after every trial of the earlier rounds.
 */
public sealed interface Strategy permits FixedStrategy, BoundaryStrategy {

    /** The strategy of a spec's {@code search} section. */
    static Strategy of(SweepSpec spec) {
        return spec.search() instanceof BoundarySearch b ? new BoundaryStrategy(spec, b) : new FixedStrategy(spec);
    }

    /**
     * The round to run next, or empty when the search is done. A round comes back whole, including any trials
     * that already finished (a round resumed after a kill); run {@link Round#pending}.
     *
     * @param state     the finished trials
     * @param taskSlots how many trials the cluster can train at once; a boundary search probes more points per
     *                  open bracket when there are more slots than brackets (at least one each). The grid and a
     *                  random search ignore it. Give the same value on resume to complete a killed round as planned.
     */
    Optional<Round> next(SearchState state, int taskSlots);

    /** True when {@link #next} has no round left. */
    default boolean done(SearchState state, int taskSlots) {
        return next(state, taskSlots).isEmpty();
    }
}
