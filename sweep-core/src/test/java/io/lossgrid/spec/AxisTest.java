package io.lossgrid.spec;

import static io.lossgrid.spec.SpecText.parseWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Listed values and ranges of the α and learning-rate axes. */
class AxisTest {

    private static List<Double> learningRates(String axis) {
        return GridValues.learningRates(parseWith("grid", "{learningRate: " + axis + ", optimizer: [sgd]}").grid());
    }

    @Test
    void aLogRangeOfFourStepsOverThreeDecadesGivesExactPowersOfTen() {
        // Exact equality: 10^(-4 + i) computed in floating point is 1.0000000000000002e-3 and the like
        // without the rounding to 12 significant digits.
        assertEquals(List.of(1e-4, 1e-3, 1e-2, 1e-1), learningRates("{log: [1.0e-4, 1.0e-1], steps: 4}"));
    }

    @Test
    void aLogRangeMaySpanHalfDecadesAndRunDownwards() {
        assertEquals(List.of(1.0, 0.1, 0.01), learningRates("{log: [1, 0.01], steps: 3}"));
        List<Double> half = learningRates("{log: [0.01, 1], steps: 5}");
        assertEquals(5, half.size());
        assertEquals(0.01, half.get(0));
        assertEquals(0.01 * Math.sqrt(10), half.get(1), 1e-12);
        assertEquals(0.1, half.get(2));
        assertEquals(Math.sqrt(0.1), half.get(3), 1e-12);
        assertEquals(1.0, half.get(4));
    }

    @Test
    void aLinearRangeIsEvenlySpacedAndRoundedToTheDecimalsOneWouldWrite() {
        assertEquals(List.of(0.5, 1.0, 1.5, 2.0), learningRates("{linear: [0.5, 2], steps: 4}"));
        // 0.1 + 0.6 * 2 / 6 is 0.30000000000000004 in binary floating point; the axis says 0.3.
        assertEquals(List.of(0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7), learningRates("{linear: [0.1, 0.7], steps: 7}"));
    }

    @Test
    void aRangeOfOneStepWithEqualBoundsIsOnePoint() {
        assertEquals(List.of(0.1), learningRates("{log: [0.1, 0.1], steps: 1}"));
        assertEquals(List.of(0.1), learningRates("{linear: [0.1, 0.1], steps: 1}"));
    }

    @Test
    void rangesAreDescribedAsWrittenAndListsAsTheirValues() {
        GridSpec grid = parseWith("grid", "{alpha: {log: [1, 100], steps: 3}, learningRate: [0.1, 0.2], optimizer: sgd}")
                .grid();
        Axis.LogRange alpha = assertInstanceOf(Axis.LogRange.class, grid.alpha());
        assertEquals(new Axis.LogRange(1, 100, 3), alpha);
        assertEquals(List.of(1.0, 10.0, 100.0), alpha.values());
        assertEquals(java.util.Map.of("log", List.of(1.0, 100.0), "steps", 3), alpha.describe());
        assertEquals(List.of(0.1, 0.2), grid.learningRate().describe());
    }

    @Test
    void cellsAreTheProductOfTheAxesAlphaOuter() {
        GridSpec grid = parseWith("grid", "{alpha: [1, 10], learningRate: [0.1, 0.2, 0.3], optimizer: sgd}").grid();
        assertEquals(List.of(new GridSpec.Cell(1, 0.1), new GridSpec.Cell(1, 0.2), new GridSpec.Cell(1, 0.3),
                new GridSpec.Cell(10, 0.1), new GridSpec.Cell(10, 0.2), new GridSpec.Cell(10, 0.3)), grid.cells());
    }
}
