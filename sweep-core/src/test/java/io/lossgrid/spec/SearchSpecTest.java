package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.assertRefused;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lossgrid.outcome.Status;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The {@code search} section: its strategies, their fields and rules, and how it shares the axes with {@code grid}. */
class SearchSpecTest {
    private static final String BOUNDARY = "{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}}";
    private static final String GRID_WITHOUT_LR = "{alpha: [1, 10], optimizer: [sgd]}";

    private static SweepSpec boundary(String search) {
        return SpecText.valid().with("grid", GRID_WITHOUT_LR).with("search", search).parse();
    }

    @Test
    void withoutASearchTheStrategyIsTheGrid() {
        SweepSpec spec = SpecText.valid().parse();
        assertEquals(GridSearch.INSTANCE, spec.search());
        assertEquals(Map.of("strategy", "grid"), spec.toMap().get("search"));
        assertEquals(GridSearch.INSTANCE, SpecText.parseWith("search", "{strategy: grid}").search());
    }

    @Test
    void aBoundarySearchTakesItsDefaultsAndNeedsNoLearningRateInTheGrid() {
        SweepSpec spec = boundary(BOUNDARY);
        BoundarySearch b = (BoundarySearch) spec.search();
        assertEquals(new SearchRange(true, 1e-5, 1.0), b.learningRate());
        assertEquals(1.05, b.precision());
        assertEquals(1000, b.budget());
        assertEquals(List.of(Status.DIVERGED), b.unstable());
        assertNull(spec.grid().learningRate());
        assertEquals(1000, spec.trialCount(), "a boundary search runs at most its budget");
        assertEquals(Map.of("strategy", "boundary", "learningRate", Map.of("log", List.of(1e-5, 1.0)), "precision", 1.05,
                "budget", 1000, "unstable", List.of("DIVERGED")), spec.toMap().get("search"));
    }

    @Test
    void theUnstableStatusesCanBeWidened() {
        BoundarySearch b = (BoundarySearch) boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, "
                + "unstable: [DIVERGED, OSCILLATING]}").search();
        assertEquals(List.of(Status.DIVERGED, Status.OSCILLATING), b.unstable());
    }

    @Test
    void aRandomSearchRunsItsSamplesTimesTheGridsOtherAxes() {
        SweepSpec spec = SpecText.valid().with("grid", "{alpha: [1, 10], optimizer: [sgd, adam], seed: [0, 1, 2]}")
                .with("search", "{strategy: random, trials: 5, learningRate: {log: [1.0e-5, 1]}}").parse();
        assertEquals(5 * 2 * 2 * 3, spec.trialCount());
        assertEquals(0L, ((RandomSearch) spec.search()).seed());
    }

    @Test
    void anAxisInBothGridAndSearchIsRefused() {
        assertRefused("grid.learningRate must be left out when search.learningRate names it (the boundary search sets it), "
                        + "found a list; remove it from grid or from search",
                () -> SpecText.valid().with("search", BOUNDARY).parse());
        assertRefused("grid.alpha must be left out when search.alpha names it (the random search sets it), found a list; "
                        + "remove it from grid or from search",
                () -> SpecText.valid().with("search", "{strategy: random, trials: 3, alpha: {log: [0.1, 10]}}").parse());
    }

    @Test
    void cellsBesideASearchThatNamesAnAxisAreRefused() {
        assertRefused("grid.cells must not be given when the search names learningRate (cells fix both alpha and "
                        + "learningRate), found a list; give grid.alpha or grid.learningRate instead",
                () -> SpecText.valid().with("grid", "{cells: [{alpha: 1, learningRate: 0.1}], optimizer: [sgd]}")
                        .with("search", BOUNDARY).parse());
    }

    @Test
    void anUnknownStrategyIsRefusedWithADidYouMean() {
        assertRefused("search.strategy must be one of grid, random, boundary, found \"bondary\"; did you mean \"boundary\"?",
                "search", "{strategy: bondary}");
    }

    @Test
    void aSearchThatIsNotAMapIsRefused() {
        assertRefused("search must be a map such as {strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}}, "
                + "found \"boundary\"", "search", "boundary");
    }

    @Test
    void aFieldOfAnotherStrategyIsRefused() {
        assertRefused("search.trials is not a known field (known: strategy), found unknown key \"trials\"",
                "search", "{strategy: grid, trials: 3}");
        assertRefused("search.alpha is not a known field (known: budget, learningRate, precision, strategy, unstable), "
                + "found unknown key \"alpha\"", () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, "
                + "alpha: {log: [1, 2]}}"));
    }

    @Test
    void aPrecisionOfOneOrLessIsRefused() {
        assertRefused("search.precision must be > 1 and finite, found 1",
                () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, precision: 1}"));
    }

    @Test
    void aBudgetBelowOneIsRefused() {
        assertRefused("search.budget must be >= 1, found 0",
                () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, budget: 0}"));
    }

    @Test
    void aBudgetAboveTheTrialLimitIsRefused() {
        assertRefused("search.budget must be at most limits.maxTrials = 100, found 1000",
                () -> SpecText.valid().with("grid", GRID_WITHOUT_LR).with("search", BOUNDARY)
                        .with("limits", "{maxTrials: 100}").parse());
    }

    @Test
    void aBudgetThatCannotProbeBothEndsOfEveryCellIsRefused() {
        assertRefused("search.budget must cover both ends of the range for every combination of the other axes and every "
                        + "seed (24 trials), found 10; raise it to at least 24",
                () -> SpecText.valid().with("grid", "{alpha: [1, 10], optimizer: [sgd, adam], seed: [0, 1, 2]}")
                        .with("search", "{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, budget: 10}").parse());
    }

    @Test
    void aBoundarySearchNeedsALearningRateRange() {
        assertRefused("search.learningRate is required (the range searched, such as {log: [1.0e-5, 1.0]}), found nothing",
                () -> boundary("{strategy: boundary}"));
    }

    @Test
    void aBoundarySearchBisectsALogRangeOnly() {
        assertRefused("search.learningRate must be a log range (the search bisects log(learningRate)), found a linear range",
                () -> boundary("{strategy: boundary, learningRate: {linear: [0.1, 1.0]}}"));
    }

    @Test
    void anUnknownUnstableStatusIsRefusedWithADidYouMean() {
        assertRefused("search.unstable[1] must be one of CONVERGED, NOT_CONVERGED, OSCILLATING, DIVERGED, FAILED, "
                        + "found \"OSCILATING\"; did you mean \"OSCILLATING\"?",
                () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, unstable: [DIVERGED, OSCILATING]}"));
    }

    @Test
    void anUnstableStatusListedTwiceIsRefused() {
        assertRefused("search.unstable[1] must differ from the value at [0] of the same list (each status once), "
                        + "found \"DIVERGED\"",
                () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0]}, unstable: [DIVERGED, DIVERGED]}"));
    }

    @Test
    void aRandomSearchNeedsItsTrials() {
        assertRefused("search.trials is required (the number of samples, such as 100), found nothing",
                () -> SpecText.valid().with("grid", GRID_WITHOUT_LR)
                        .with("search", "{strategy: random, learningRate: {log: [1.0e-5, 1]}}").parse());
    }

    @Test
    void fewerThanOneRandomTrialIsRefused() {
        assertRefused("search.trials must be >= 1, found 0", () -> SpecText.valid().with("grid", GRID_WITHOUT_LR)
                .with("search", "{strategy: random, trials: 0, learningRate: {log: [1.0e-5, 1]}}").parse());
    }

    @Test
    void aRandomSearchSamplesAtLeastOneAxis() {
        assertRefused("search.learningRate is required (or alpha): a random search samples at least one axis, found nothing",
                "search", "{strategy: random, trials: 3}");
    }

    @Test
    void aLogRangeReachingZeroIsRefused() {
        assertRefused("search.learningRate.log[0] must be > 0 and finite (a log range cannot reach 0), found 0",
                () -> boundary("{strategy: boundary, learningRate: {log: [0, 1.0]}}"));
    }

    @Test
    void aRangeRunningDownwardsIsRefused() {
        assertRefused("search.learningRate.log[1] must be above log[0] (1), found 0.1",
                () -> boundary("{strategy: boundary, learningRate: {log: [1, 0.1]}}"));
    }

    @Test
    void aLinearRangeOfAPositiveAxisStartingAtZeroIsRefused() {
        assertRefused("search.alpha.linear[0] must be > 0 (a linear range of a positive axis starts above 0), found 0",
                () -> SpecText.valid().with("grid", "{learningRate: [0.1], optimizer: [sgd]}")
                        .with("search", "{strategy: random, trials: 3, alpha: {linear: [0, 2]}}").parse());
    }

    @Test
    void aSearchRangeTakesNoSteps() {
        assertRefused("search.learningRate.steps is not a known field (known: log), found unknown key \"steps\"",
                () -> boundary("{strategy: boundary, learningRate: {log: [1.0e-5, 1.0], steps: 3}}"));
    }

    @Test
    void aSearchRangeIsAMapWithLogOrLinear() {
        assertRefused("search.learningRate must be a range {log: [a, b]} or {linear: [a, b]}, found a list",
                () -> boundary("{strategy: boundary, learningRate: [0.1, 1]}"));
    }

    @Test
    void aSearchRangeHasTwoBounds() {
        assertRefused("search.learningRate.log must be two bounds [from, to], found a list",
                () -> boundary("{strategy: boundary, learningRate: {log: [0.1, 1, 10]}}"));
    }
}
