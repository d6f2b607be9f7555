package io.lossgrid.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.data.LinearData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizer;
import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Each record of the search package refuses what it cannot hold, with a message that says what and why. */
class SearchRecordsTest {
    private static final Cell CELL = new Cell(0, new LinearData(null, 20, 1, List.of(2.0), 1.0, 0.1, 1),
            ModelSpec.linear(WeightInit.ZERO), new Loss.Mse(), new Optimizer.Sgd(), 1.0);

    private static void refused(Class<? extends Throwable> type, String message, Executable action) {
        assertEquals(message, assertThrows(type, action).getMessage());
    }

    @Test
    void aFinishedTrialNeedsAnId() {
        refused(IllegalArgumentException.class, "a finished trial's id must be a non-empty string, found  ",
                () -> new Finished(" ", 0, 1, 0.1, 0, Status.CONVERGED));
    }

    @Test
    void aFinishedTrialsRoundIsNotNegative() {
        refused(IllegalArgumentException.class, "trial sgd-1: round must be >= 0, found -1",
                () -> new Finished("sgd-1", -1, 1, 0.1, 0, Status.CONVERGED));
    }

    @Test
    void aFinishedTrialsLearningRateIsPositive() {
        refused(IllegalArgumentException.class, "trial sgd-1: learning rate must be > 0 and finite, found 0.0",
                () -> new Finished("sgd-1", 0, 1, 0, 0, Status.CONVERGED));
    }

    @Test
    void aFinishedTrialHasAStatus() {
        refused(NullPointerException.class, "status", () -> new Finished("sgd-1", 0, 1, 0.1, 0, null));
    }

    @Test
    void aStateHoldsEachTrialOnce() {
        Finished f = new Finished("sgd-1", 0, 1, 0.1, 0, Status.CONVERGED);
        refused(IllegalArgumentException.class, "trial sgd-1 finished twice (rounds 0 and 0); a search state holds each "
                + "trial once", () -> SearchState.of(List.of(f, f)));
    }

    @Test
    void aRoundsNumberIsNotNegative() {
        Trial t = CELL.probe(0.1, 0, java.util.Map.of(), 0, 0);
        refused(IllegalArgumentException.class, "a round's number must be >= 0, found -1", () -> new Round(-1, List.of(t)));
    }

    @Test
    void aRoundHoldsATrial() {
        refused(IllegalArgumentException.class, "round 2 must hold at least one trial", () -> new Round(2, List.of()));
    }

    @Test
    void aTrialsRoundIsNotNegative() {
        refused(IllegalArgumentException.class, "a trial's round must be >= 0, found -1",
                () -> new Trial("sgd-1", 0, "d", ModelSpec.linear(WeightInit.ZERO), new Loss.Mse(), new Optimizer.Sgd(), 1,
                        0.1, 0, -1));
    }

    @Test
    void aCellsIndexIsNotNegative() {
        refused(IllegalArgumentException.class, "a cell's index must be >= 0, found -1",
                () -> new Cell(-1, CELL.data(), CELL.model(), CELL.loss(), CELL.optimizer(), 1));
    }

    @Test
    void aCellsAlphaIsPositive() {
        refused(IllegalArgumentException.class, "a cell's alpha must be > 0 and finite, found 0.0",
                () -> new Cell(0, CELL.data(), CELL.model(), CELL.loss(), CELL.optimizer(), 0));
    }

    @Test
    void aBracketHasTheEndsOfItsKind() {
        refused(IllegalArgumentException.class, "STABLE_UP_TO bracket of linear/linear/mse/sgd alpha=1.0: stable 1.0 and "
                + "unstable 2.0 do not fit the kind (only BRACKETED has both)",
                () -> new Bracket(CELL, Bracket.Kind.STABLE_UP_TO, 1.0, 2.0, 4));
    }

    @Test
    void aBracketsStableEndLiesBelowItsUnstableEnd() {
        refused(IllegalArgumentException.class, "bracket of linear/linear/mse/sgd alpha=1.0: stable lr must be below "
                + "unstable lr, found 2.0 >= 1.0", () -> new Bracket(CELL, Bracket.Kind.BRACKETED, 2.0, 1.0, 4));
    }

    @Test
    void aBracketsTrialsAreNotNegative() {
        refused(IllegalArgumentException.class, "bracket of linear/linear/mse/sgd alpha=1.0: trials must be >= 0, found -1",
                () -> new Bracket(CELL, Bracket.Kind.BRACKETED, 1.0, 2.0, -1));
    }

    @Test
    void aBracketedCellHasARatioAndACriticalEstimate() {
        Bracket b = new Bracket(CELL, Bracket.Kind.BRACKETED, 1.0, 1.04, 6);
        assertEquals(1.04, b.ratio(), 1e-15);
        assertEquals(Math.sqrt(1.04), b.critical(), 1e-15);
        assertEquals(true, b.within(1.05));
        assertEquals("critical lr between 1.0 and 1.04", b.describe());
    }
}
