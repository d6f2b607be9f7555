package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Packed training under the losses with a per-element form (mae, bce, sigmoid focal) gives the curves one-at-a-time
 * DL4J training gives; the softmax losses are not packed.
 */
class PackedLossesTest {

    static Stream<Arguments> lossesAndOptimizers() {
        return Stream.of("mae", "bce", "{name: bce, posWeight: 4}", "{name: focal, gamma: 2, balance: 0.25}",
                        "{name: focal, gamma: 0.5}")
                .flatMap(loss -> Stream.of("sgd", "adam", "{name: nesterovs, momentum: 0.9}").map(o -> Arguments.of(loss, o)));
    }

    /**
     * Imbalanced binary blobs for the classification losses; for mae, noisy linear data and smaller steps, since
     * near its optimum mae's sign flips make any rounding difference grow (as it would between two BLAS builds).
     */
    static SweepSpec spec(String loss, String optimizer, String dtype) {
        boolean regression = loss.equals("mae");
        return SpecLoader.parse("""
                name: packed-losses
                data: %s
                model: {type: linear, weightInit: xavier}
                loss: %s
                training: {epochs: 40, dtype: %s}
                grid: {alpha: [0.1, 4], learningRate: %s, optimizer: [%s], seed: [1, 2]}
                """.formatted(regression
                        ? "{synthetic: {generator: linear, samples: 80, features: 3, slope: [2, -1, 0.5], noise: 0.5, seed: 5}}"
                        : "{synthetic: {generator: blobs, samples: 80, features: 3, classes: 2, weights: [0.8, 0.2], seed: 5}}",
                loss, dtype, regression ? "[0.001, 0.02]" : "[0.01, 0.3]", optimizer), Path.of("."));
    }

    private static void assertPackedMatchesSingle(SweepSpec spec, double tolerance) {
        TrainingData data = spec.prepare(spec.data().get(0).load(null)).get(0);
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), List.of(data));
        List<Trial> trials = AllTrials.of(spec);
        assertTrue(trials.stream().allMatch(t -> PackedLinearRunner.packable(t, data, spec.training())));
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        Dl4jTrialRunner single = new Dl4jTrialRunner(plan);
        for (int i = 0; i < trials.size(); i++) {
            assertEquals("packed", packed.get(i).runner());
            PackedLinearRunnerTest.assertSameCurves(single.run(trials.get(i), data), packed.get(i), tolerance);
        }
    }

    @ParameterizedTest(name = "{0} with {1}")
    @MethodSource("lossesAndOptimizers")
    void aPackedTrialTrainsAsItWouldAlone(String loss, String optimizer) {
        assertPackedMatchesSingle(spec(loss, optimizer, "float"), 1e-5);
    }

    @Test
    void doublePrecisionPacksOfTheseLossesMatchToo() {
        assertPackedMatchesSingle(spec("{name: focal, gamma: 2, balance: 0.25}", "adam", "double"), 1e-9);
        assertPackedMatchesSingle(spec("mae", "sgd", "double"), 1e-9);
    }

    @Test
    void softmaxLossesAreNotPackedSinceSoftmaxCouplesATrialsColumns() {
        for (String loss : List.of("xent", "{name: xent, classWeights: [1, 4]}", "{name: focal, gamma: 2, classWeights: [1, 4]}")) {
            SweepSpec spec = spec(loss, "sgd", "float");
            TrainingData data = spec.prepare(spec.data().get(0).load(null)).get(0);
            assertEquals(2, data.outputs());
            assertFalse(PackedLinearRunner.packable(AllTrials.of(spec).get(0), data, spec.training()), loss);
        }
    }
}
