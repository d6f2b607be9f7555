/**
 * Search strategies: how a sweep chooses its trials, in rounds. A {@link io.lossgrid.search.Strategy} made from a
 * spec ({@link io.lossgrid.search.Strategy#of}) gives the next {@link io.lossgrid.search.Round} of trials from a
 * {@link io.lossgrid.search.SearchState}, the outcomes of the trials finished so far as the driver reads them back
 * from the trials table ({@link io.lossgrid.search.Finished} rows), never from memory: the same spec and the same
 * outcomes give the same round and trial ids, so a killed search resumes where it stopped. The grid and a random
 * search run one round; a boundary search bisects the learning rate per combination of the other axes
 * ({@link io.lossgrid.search.Cell}) and reports a {@link io.lossgrid.search.Bracket} for each.
 *
 * <p>The driver's loop: {@code while ((round = strategy.next(state, slots)).isPresent()) { run
 * round.pending(state); state = state.with(finished rows); }}.
 */
package io.lossgrid.search;
