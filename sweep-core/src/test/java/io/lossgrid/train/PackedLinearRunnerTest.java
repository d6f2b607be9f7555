package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.Status;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Packed training must give the curves one-at-a-time DL4J training gives, for every optimizer it packs. */
class PackedLinearRunnerTest {

    static Stream<String> packableOptimizers() {
        return Optimizers.kinds().stream().map(Optimizers.Kind::name).filter(n -> !n.equals("adadelta"));
    }

    static SweepSpec spec(String optimizer, String init, String extra) {
        return SpecLoader.parse("""
                name: packed
                data: {synthetic: {generator: linear, samples: 96, features: 3, slope: [2, -1, 0.5], noise: 0.2, seed: 11}}
                model: {type: linear, weightInit: %s}
                loss: mse
                training: {epochs: 60%s}
                grid: {alpha: [0.5, 3], learningRate: [0.001, 0.02], optimizer: [%s], seed: [1, 2]}
                """.formatted(init, extra, optimizer), Path.of("."));
    }

    static void assertSameCurves(TrialResult single, TrialResult packed, double tolerance) {
        assertEquals(single.metrics().status(), packed.metrics().status(), single.trial().toString());
        assertEquals(single.loss().length, packed.loss().length, "rows of " + single.trial());
        double worstLoss = 0;
        double worstGrad = 0;
        for (int e = 0; e < single.loss().length; e++) {
            worstLoss = Math.max(worstLoss, rel(single.loss()[e], packed.loss()[e]));
            worstGrad = Math.max(worstGrad, rel(single.gradNorm()[e], packed.gradNorm()[e]));
        }
        assertTrue(worstLoss <= tolerance, "largest relative loss difference " + worstLoss + " for " + single.trial());
        // The gradient norm near an optimum is a small difference of large terms: its rounding is relatively larger.
        assertTrue(worstGrad <= 10 * tolerance, "largest relative gradient-norm difference " + worstGrad + " for "
                + single.trial());
    }

    static double rel(double a, double b) {
        return a == b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packableOptimizers")
    void packedTrainingGivesTheCurvesOfOneAtATimeTraining(String optimizer) {
        SweepSpec spec = spec(optimizer, "xavier", "");
        TrainingData data = spec.data().get(0).load(Path.of(".")).prepare(spec.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        List<Trial> trials = AllTrials.of(spec);
        assertTrue(trials.stream().allMatch(t -> PackedLinearRunner.packable(t, data, spec.training())));
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan);
        for (int i = 0; i < trials.size(); i++) {
            assertEquals(trials.get(i), packed.get(i).trial());
            assertEquals("packed", packed.get(i).runner());
            assertSameCurves(single.run(trials.get(i), data), packed.get(i), 1e-5);
        }
    }

    @Test
    void aDivergingTrialStopsAloneAndTheOthersTrainOn() {
        SweepSpec spec = SpecLoader.parse("""
                name: packed-divergence
                data: {synthetic: {generator: linear, samples: 64, seed: 3}}
                model: {type: linear, weightInit: zero}
                loss: mse
                training: {epochs: 50}
                grid: {alpha: [1, 30], learningRate: [0.05], optimizer: [sgd], seed: [1]}
                """, Path.of("."));
        TrainingData data = spec.data().get(0).load(Path.of(".")).prepare(spec.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        List<Trial> trials = AllTrials.of(spec);
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        assertEquals(Status.DIVERGED, packed.get(1).metrics().status());
        assertTrue(packed.get(0).metrics().status() != Status.DIVERGED);
        assertEquals(51, packed.get(0).loss().length);
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan);
        for (int i = 0; i < trials.size(); i++) {
            TrialResult s = single.run(trials.get(i), data);
            assertEquals(s.metrics().divergedEpoch(), packed.get(i).metrics().divergedEpoch());
            assertEquals(s.metrics().divergenceCause(), packed.get(i).metrics().divergenceCause());
            assertSameCurves(s, packed.get(i), 1e-5);
        }
    }

    @Test
    void doublePrecisionPacksMatchToo() {
        SweepSpec spec = spec("adam", "relu", ", dtype: double");
        TrainingData data = spec.data().get(0).load(Path.of(".")).prepare(spec.losses().get(0));
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        List<Trial> trials = AllTrials.of(spec);
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan);
        for (int i = 0; i < trials.size(); i++) {
            assertSameCurves(single.run(trials.get(i), data), packed.get(i), 1e-9);
        }
    }
}
