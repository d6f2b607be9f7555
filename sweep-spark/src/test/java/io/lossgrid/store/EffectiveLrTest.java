package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lossgrid.grid.Grid;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.outcome.TrialMetrics;
import io.lossgrid.store.Tables.TrialRow;
import io.lossgrid.train.TrialResult;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** {@code effective_lr} is stored so that products equal on paper are equal values, and GROUP BY keeps a class whole. */
class EffectiveLrTest {
    /** The scaling study over 12 decades, 12 values per axis: α and lr each 1e-6 … 1e5. */
    static final SweepSpec STUDY = SpecLoader.parse("""
            name: twelve-decades
            data: {synthetic: {generator: linear, samples: 8}}
            model: {type: linear}
            loss: mse
            training: {epochs: 1}
            grid:
              alpha: {log: [1.0e-6, 1.0e5], steps: 12}
              learningRate: {log: [1.0e-6, 1.0e5], steps: 12}
              optimizer: [sgd]
            """, java.nio.file.Path.of("."));

    @Test
    void everyClassOfEqualProductsOnTheScalingStudyStoresOneValue() {
        Map<BigDecimal, Set<Double>> stored = new TreeMap<>();
        int trials = 0;
        for (Iterator<Trial> it = Grid.iterate(STUDY); it.hasNext(); trials++) {
            Trial t = it.next();
            BigDecimal exact = new BigDecimal(Double.toString(t.alpha())).multiply(new BigDecimal(Double.toString(t.learningRate())))
                    .round(new MathContext(12)).stripTrailingZeros();
            stored.computeIfAbsent(exact, k -> new TreeSet<>()).add(column(t));
        }
        assertEquals(144, trials);
        assertEquals(23, stored.size(), "products 1e-12 … 1e10: 23 classes");
        List<String> split = new ArrayList<>();
        stored.forEach((k, v) -> {
            if (v.size() != 1) {
                split.add(k + " -> " + v);
            }
        });
        assertEquals(List.of(), split, "classes stored as more than one value");
        stored.forEach((k, v) -> assertEquals(k.doubleValue(), v.iterator().next(), "the class's decimal value"));
    }

    /** The value the trials table's {@code effective_lr} column stores for {@code t}. */
    static double column(Trial t) {
        TrialMetrics m = new TrialMetrics(Status.NOT_CONVERGED, 0, 1.0, 1.0, 1.0, null, null, null, null, null, null, 0, 0);
        TrialRow row = new TrialRow(new TrialResult(t, m, new double[] {1}, new double[] {1}, null, 1, "single"),
                STUDY.training(), "test", 0);
        Column<TrialRow> c = Tables.TRIAL_COLUMNS.stream().filter(x -> x.name().equals("effective_lr")).findFirst()
                .orElseThrow();
        return (Double) c.value().apply(row);
    }

    @Test
    void aRawProductThatMissesItsDecimalIsStoredAsTheDecimal() {
        assertEquals(0.010000000000000002, 0.1 * 0.1, "the raw product this column used to store");
        assertEquals(0.01, column(trial(0.1, 0.1)));
        assertEquals(column(trial(1, 0.01)), column(trial(0.1, 0.1)));
        assertEquals(3e-7, column(trial(3, 1e-7)));
    }

    private static Trial trial(double alpha, double learningRate) {
        Trial t = Grid.iterate(STUDY).next();
        return new Trial(t.id(), 0, t.data(), t.model(), t.loss(), t.optimizer(), alpha, learningRate, 0);
    }
}
