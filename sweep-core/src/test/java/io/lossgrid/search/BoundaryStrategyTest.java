package io.lossgrid.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.SweepSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The boundary search's rounds and brackets, against trials whose outcome is a known rule of α·lr. */
class BoundaryStrategyTest {
    private static final String THREE_ALPHAS = "{alpha: [0.1, 1, 10], optimizer: [sgd]}";
    private static final String RANGE = "{strategy: boundary, learningRate: {log: [1.0e-4, 1.0e+2]}, precision: 1.05";

    private static BoundaryStrategy strategy(SweepSpec spec) {
        return (BoundaryStrategy) Strategy.of(spec);
    }

    @Test
    void bisectionBracketsTheThresholdOfEveryCellWithinThePrecision() {
        BoundaryStrategy s = strategy(Oracle.spec(THREE_ALPHAS, RANGE + "}"));
        SearchState done = Searches.run(s, SearchState.empty(), 3, Oracle.divergesAbove(t -> 0.37));
        List<Bracket> brackets = s.brackets(done);
        assertEquals(3, brackets.size());
        for (Bracket b : brackets) {
            double critical = 0.37 / b.cell().alpha();
            assertEquals(Bracket.Kind.BRACKETED, b.kind(), b.describe());
            assertTrue(b.stable() <= critical && critical < b.unstable(), b.describe());
            assertTrue(b.within(1.05), b.describe());
        }
        assertTrue(s.done(done, 3));
    }

    @Test
    void aCellWithoutAnUnstableProbeIsStableUpToTheTopOfTheRangeNotAnInventedBoundary() {
        BoundaryStrategy s = strategy(Oracle.spec(THREE_ALPHAS, RANGE + "}"));
        SearchState done = Searches.run(s, SearchState.empty(), 3, Oracle.by(t -> Status.CONVERGED));
        assertEquals(0, done.lastRound(), "nothing to bisect after the first round");
        for (Bracket b : s.brackets(done)) {
            assertEquals(Bracket.Kind.STABLE_UP_TO, b.kind());
            assertEquals(100.0, b.stable());
            assertEquals("stable up to lr = 100.0", b.describe());
            assertTrue(Double.isNaN(b.critical()));
        }
    }

    @Test
    void aCellUnstableAtTheBottomOfTheRangeIsUnstableFromThere() {
        BoundaryStrategy s = strategy(Oracle.spec(THREE_ALPHAS, RANGE + "}"));
        SearchState done = Searches.run(s, SearchState.empty(), 3, Oracle.by(t -> Status.DIVERGED));
        for (Bracket b : s.brackets(done)) {
            assertEquals(Bracket.Kind.UNSTABLE_FROM, b.kind());
            assertEquals(1e-4, b.unstable());
            assertEquals("unstable from lr = 1.0E-4", b.describe());
        }
    }

    @Test
    void aProbeIsUnstableWhenAtLeastHalfOfItsSeedsAre() {
        // Seed s diverges above lr 10^(s-1): 0.1, 1, 10.
        var bySeed = Oracle.by(t -> t.learningRate() > Math.pow(10, t.seed() - 1) ? Status.DIVERGED : Status.CONVERGED);
        BoundaryStrategy two = strategy(Oracle.spec("{optimizer: [sgd], seed: [0, 1]}", RANGE + "}"));
        Bracket half = two.brackets(Searches.run(two, SearchState.empty(), 2, bySeed)).get(0);
        assertTrue(half.stable() <= 0.1 && 0.1 < half.unstable(), "one of two seeds is half: " + half.describe());
        BoundaryStrategy three = strategy(Oracle.spec("{optimizer: [sgd], seed: [0, 1, 2]}", RANGE + "}"));
        Bracket majority = three.brackets(Searches.run(three, SearchState.empty(), 3, bySeed)).get(0);
        assertTrue(majority.stable() <= 1 && 1 < majority.unstable(), "two of three seeds: " + majority.describe());
    }

    @Test
    void oscillatingCountsAsUnstableOnlyWhenTheSpecSaysSo() {
        var oscillates = Oracle.by(t -> t.learningRate() > 0.5 ? Status.OSCILLATING : Status.CONVERGED);
        BoundaryStrategy narrow = strategy(Oracle.spec("{optimizer: [sgd]}", RANGE + "}"));
        assertEquals(Bracket.Kind.STABLE_UP_TO, narrow.brackets(Searches.run(narrow, SearchState.empty(), 1, oscillates))
                .get(0).kind());
        BoundaryStrategy wide = strategy(Oracle.spec("{optimizer: [sgd]}", RANGE + ", unstable: [DIVERGED, OSCILLATING]}"));
        Bracket b = wide.brackets(Searches.run(wide, SearchState.empty(), 1, oscillates)).get(0);
        assertTrue(b.stable() <= 0.5 && 0.5 < b.unstable(), b.describe());
    }

    @Test
    void theBudgetCountsTrialsAndStopsTheSearchWhenSpent() {
        // Three cells x two seeds: the ends take 12 trials, 8 more pay for four probes.
        BoundaryStrategy s = strategy(Oracle.spec("{alpha: [0.1, 1, 10], optimizer: [sgd], seed: [0, 1]}",
                RANGE + ", budget: 20}"));
        SearchState done = Searches.run(s, SearchState.empty(), 1, Oracle.divergesAbove(t -> 0.37));
        assertEquals(20, done.size());
        assertTrue(s.done(done, 1));
        assertTrue(s.brackets(done).stream().anyMatch(b -> !b.within(1.05)), "the budget ran out before the precision");
        assertEquals(20, s.brackets(done).stream().mapToInt(Bracket::trials).sum());
    }

    @Test
    void moreTaskSlotsProbeMorePointsPerBracketSpacedEvenlyInLog() {
        SweepSpec spec = Oracle.spec("{optimizer: [sgd]}", "{strategy: boundary, learningRate: {log: [1.0e-4, 1.0]}}");
        assertEquals(List.of(1e-4, 1e-2, 1.0), rates(strategy(spec).next(SearchState.empty(), 1).orElseThrow()));
        assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1, 1.0), rates(strategy(spec).next(SearchState.empty(), 3).orElseThrow()));
    }

    @Test
    void aBracketGetsNoMorePointsThanItNeedsToReachThePrecision() {
        SweepSpec spec = Oracle.spec("{optimizer: [sgd]}", "{strategy: boundary, learningRate: {log: [1.0, 1.1]}}");
        // 1.1 / 1 needs one point (sqrt(1.1) < 1.05) however many slots there are.
        assertEquals(3, strategy(spec).next(SearchState.empty(), 100).orElseThrow().trials().size());
    }

    @Test
    void theNextRoundDependsOnTheFinishedRowsNotOnTheOrderTheyArrive() {
        BoundaryStrategy s = strategy(Oracle.spec(THREE_ALPHAS, RANGE + "}"));
        SearchState two = Searches.run(s, SearchState.empty(), 3, 2, Oracle.divergesAbove(t -> 0.37));
        List<Finished> reversed = new ArrayList<>(two.rows());
        Collections.reverse(reversed);
        List<Trial> a = s.next(two, 3).orElseThrow().trials();
        List<Trial> b = strategy(Oracle.spec(THREE_ALPHAS, RANGE + "}")).next(SearchState.of(reversed), 3).orElseThrow().trials();
        assertEquals(a, b);
    }

    @Test
    void indexesRunOnAcrossRoundsAndIdsComeFromContentNotFromTheRound() {
        SweepSpec spec = Oracle.spec("{optimizer: [sgd]}", "{strategy: boundary, learningRate: {log: [1.0e-4, 1.0]}}");
        BoundaryStrategy s = strategy(spec);
        Round first = s.next(SearchState.empty(), 1).orElseThrow();
        SearchState after = SearchState.empty().with(Oracle.divergesAbove(t -> 0.37).apply(first.trials()));
        Round second = s.next(after, 1).orElseThrow();
        assertEquals(1, second.number());
        assertEquals(first.trials().size(), second.trials().get(0).index());
        Trial probe = second.trials().get(0);
        assertEquals(1, probe.round());
        Trial sameInAGrid = AllTrials.of(Oracle.spec("{optimizer: [sgd], learningRate: [" + probe.learningRate() + "]}",
                "{strategy: grid}")).get(0);
        assertEquals(sameInAGrid.id(), probe.id());
        assertNotEquals(sameInAGrid.round(), probe.round());
    }

    @Test
    void aRowOfAnotherSpecIsRefused() {
        BoundaryStrategy s = strategy(Oracle.spec("{optimizer: [sgd]}", RANGE + "}"));
        SearchState foreign = SearchState.of(List.of(new Finished("sgd-000000000000", 0, 1.0, 0.1, 0, Status.CONVERGED)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.next(foreign, 1));
        assertEquals("trial sgd-000000000000 (alpha 1.0, lr 0.1, seed 0) is not a probe of this boundary search: its rows "
                + "come from another spec", e.getMessage());
    }

    @Test
    void bracketsBeforeTheFirstRoundAreRefused() {
        BoundaryStrategy s = strategy(Oracle.spec("{optimizer: [sgd]}", RANGE + "}"));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> s.brackets(SearchState.empty()));
        assertEquals("cell linear/linear/mse/sgd alpha=1.0 has no probe whose seeds all finished: run the search's first "
                + "round before asking for its brackets", e.getMessage());
    }

    @Test
    void fewerThanOneTaskSlotIsRefused() {
        BoundaryStrategy s = strategy(Oracle.spec("{optimizer: [sgd]}", RANGE + "}"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.next(SearchState.empty(), 0));
        assertEquals("taskSlots must be >= 1, found 0", e.getMessage());
    }

    @Test
    void cellsRunDataModelLossOptimizerAlphaOutermostFirst() {
        BoundaryStrategy s = strategy(Oracle.spec("{alpha: [1, 10], optimizer: [sgd, adam]}", RANGE + "}"));
        assertEquals(List.of("sgd 1.0", "sgd 10.0", "adam 1.0", "adam 10.0"), s.cells().stream()
                .map(c -> c.optimizer().name() + " " + c.alpha()).toList());
        assertEquals(List.of(0, 1, 2, 3), s.cells().stream().map(Cell::index).toList());
    }

    private static List<Double> rates(Round round) {
        return round.trials().stream().map(Trial::learningRate).toList();
    }
}
