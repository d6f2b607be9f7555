package io.lossgrid.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.SpecText;
import io.lossgrid.spec.SweepSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The grid and the random search: one round of a fixed list of trials. */
class FixedStrategyTest {
    private static final String RANDOM_LR = "{strategy: random, trials: 50, seed: 7, learningRate: {log: [1.0e-5, 1]}}";

    @Test
    void theGridIsOneRoundOfTheGridsTrialsDoneWhenAllFinished() {
        SweepSpec spec = SpecText.valid().with("grid", "{alpha: [1, 10], learningRate: [0.1, 0.01], optimizer: [sgd]}")
                .parse();
        Strategy s = Strategy.of(spec);
        Round round = s.next(SearchState.empty(), 4).orElseThrow();
        assertEquals(0, round.number());
        assertEquals(AllTrials.of(spec), List.copyOf(round.trials()));
        SearchState half = SearchState.of(Oracle.by(t -> Status.CONVERGED).apply(round.trials().subList(0, 2)));
        assertEquals(round.trials().subList(2, 4), s.next(half, 4).orElseThrow().pending(half));
        SearchState all = half.with(Oracle.by(t -> Status.CONVERGED).apply(round.trials().subList(2, 4)));
        assertTrue(s.done(all, 4));
    }

    @Test
    void aRandomSearchGivesTheSameTrialsAndIdsForTheSameSpec() {
        String text = SpecText.valid().with("grid", "{alpha: [1, 10], optimizer: [sgd, adam], seed: [0, 1]}")
                .with("search", RANDOM_LR).text();
        List<Trial> first = AllTrials.of(io.lossgrid.spec.SpecLoader.parse(text, java.nio.file.Path.of(".")));
        List<Trial> second = AllTrials.of(io.lossgrid.spec.SpecLoader.parse(text, java.nio.file.Path.of("/elsewhere")));
        assertEquals(50 * 2 * 2 * 2, first.size());
        assertEquals(first, second);
        assertEquals(first.size(), new HashSet<>(first.stream().map(Trial::id).toList()).size(), "ids distinct");
    }

    @Test
    void aRandomSearchCrossesEachSampleWithTheGridsOtherAxesInGridOrder() {
        SweepSpec spec = SpecText.valid().with("grid", "{alpha: [1, 10], optimizer: [sgd], seed: [0, 1]}")
                .with("search", RANDOM_LR).parse();
        List<Trial> trials = AllTrials.of(spec);
        double firstRate = trials.get(0).learningRate();
        assertEquals(List.of(1.0, 1.0), trials.subList(0, 2).stream().map(Trial::alpha).toList(), "seeds innermost");
        assertEquals(List.of(0L, 1L), trials.subList(0, 2).stream().map(Trial::seed).toList());
        assertEquals(firstRate, trials.get(1).learningRate());
        assertEquals(10.0, trials.get(100).alpha(), "alpha outer: the second alpha starts after 50 samples x 2 seeds");
        assertEquals(firstRate, trials.get(100).learningRate(), "every alpha runs the same samples");
    }

    @Test
    void randomSamplesLieInTheRangeRoundedAsAxisValuesAreAndSpreadInLog() {
        SweepSpec spec = SpecText.valid().with("grid", "{optimizer: [sgd]}").with("search",
                "{strategy: random, trials: 400, learningRate: {log: [1.0e-6, 1]}}").parse();
        List<Double> rates = AllTrials.of(spec).stream().map(Trial::learningRate).toList();
        for (double lr : rates) {
            assertTrue(lr >= 1e-6 && lr <= 1, "in range: " + lr);
            assertEquals(Double.parseDouble(String.format(Locale.ROOT, "%.12g", lr)), lr, "12 significant digits");
        }
        long belowMiddle = rates.stream().filter(lr -> lr < 1e-3).count();
        assertTrue(belowMiddle > 150 && belowMiddle < 250, "log-uniform: half below the geometric middle, found "
                + belowMiddle + " of 400");
    }

    @Test
    void anotherSamplerSeedGivesOtherSamples() {
        List<Double> seven = AllTrials.of(SpecText.valid().with("grid", "{optimizer: [sgd]}").with("search", RANDOM_LR)
                .parse()).stream().map(Trial::learningRate).toList();
        List<Double> eight = AllTrials.of(SpecText.valid().with("grid", "{optimizer: [sgd]}")
                .with("search", RANDOM_LR.replace("seed: 7", "seed: 8")).parse()).stream().map(Trial::learningRate).toList();
        assertNotEquals(seven, eight);
    }

    @Test
    void aRandomSearchOfAlphaCrossesEachSampleWithTheGridsLearningRates() {
        SweepSpec spec = SpecText.valid().with("grid", "{learningRate: [0.1, 0.01], optimizer: [sgd]}")
                .with("search", "{strategy: random, trials: 3, alpha: {linear: [0.5, 2]}}").parse();
        List<Trial> trials = AllTrials.of(spec);
        assertEquals(6, trials.size());
        assertEquals(List.of(0.1, 0.01, 0.1, 0.01, 0.1, 0.01), trials.stream().map(Trial::learningRate).toList());
        for (Trial t : trials) {
            assertTrue(t.alpha() >= 0.5 && t.alpha() <= 2, "uniform in [0.5, 2]: " + t.alpha());
        }
        assertEquals(trials.get(0).alpha(), trials.get(1).alpha());
    }

    @Test
    void moreSamplesThanTheRangesHoldAreRefused() {
        SweepSpec spec = SpecText.valid().with("grid", "{optimizer: [sgd]}")
                .with("search", "{strategy: random, trials: 3, learningRate: {linear: [1, 1.00000000001]}}").parse();
        SpecText.assertRefused("search.trials must be at most the distinct values the ranges hold at 12 significant "
                + "digits, found 3", () -> Grid.trials(spec));
    }

    @Test
    void theGridAloneCannotListABoundarySearch() {
        SweepSpec spec = Oracle.spec("{optimizer: [sgd]}", "{strategy: boundary, learningRate: {log: [1.0e-4, 1.0]}}");
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Grid.iterate(spec));
        assertEquals("search.strategy boundary runs in rounds chosen from outcomes; its trials come from the search "
                + "package (Strategy), not from the grid alone", e.getMessage());
    }
}
