package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.BlobsData;
import io.lossgrid.data.Holdout;
import io.lossgrid.data.LinearData;
import io.lossgrid.data.SizeGuard;
import io.lossgrid.data.SparkReader;
import io.lossgrid.data.Table;
import io.lossgrid.data.TrainingData;
import io.lossgrid.data.Validated;
import io.lossgrid.data.Validation;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.metrics.EpochMetrics;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.List;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** Both runners record validation and classification metrics at every recorded epoch. */
class ValidationMetricsTest {
    private static final TrainingSpec FULL = new TrainingSpec(30, TrainingSpec.FULL_BATCH, DataType.FLOAT);

    /** {@code data} with a stratified (classifier) or plain 25 % hold-out, prepared for {@code loss}. */
    private static TrainingData withHoldout(Table whole, Loss loss) {
        Validated v = new Validated(new BlobsData(null, 10, 2, 2, 3, 1, 0), new Validation.Share(0.25, 1));
        Holdout h = Holdout.of(v, whole, loss.classifier(), List.of(), null, SizeGuard.UNLIMITED, SparkReader.NONE);
        return h.attach(h.training().prepare(loss, DataType.FLOAT), h.validation().prepare(loss, DataType.FLOAT));
    }

    private static TrialResult single(TrainingData data, ModelSpec model, String optimizer, double alpha, double lr,
                                      TrainingSpec training) {
        Trial t = Runs.trial(data, model, Optimizers.byName(optimizer), alpha, lr, 3);
        return Runs.run(data, t, training, OutcomeRules.DEFAULT);
    }

    private static double last(double[] metric) {
        return metric[metric.length - 1];
    }

    @Test
    void aClassifierOnSeparableBlobsReachesABalancedValidationAccuracyNearOne() {
        Table blobs = new BlobsData(null, 200, 2, 3, 6.0, 0.5, 4).load(null);
        TrainingData data = withHoldout(blobs, new Loss.Xent());
        TrialResult r = single(data, ModelSpec.linear(WeightInit.XAVIER), "adam", 1, 0.1, FULL);
        EpochMetrics m = r.epochMetrics();
        assertEquals(r.loss().length, m.valLoss().length, "one row per recorded epoch");
        assertTrue(last(m.valBalancedAccuracy()) >= 0.98, "balanced accuracy " + last(m.valBalancedAccuracy()));
        assertTrue(last(m.accuracy()) >= 0.98, "training accuracy " + last(m.accuracy()));
        assertTrue(last(m.valLoss()) < m.valLoss()[0], "the validation loss fell");
        assertNull(m.valAuc(), "no AUC for three classes");
    }

    @Test
    void onImbalancedDataTheValidationAccuracyExceedsTheBalancedOne() {
        // overlapping blobs, 90 % / 10 %: a plain bce model favours the majority
        Table blobs = new BlobsData(null, 400, 2, 2, 1.0, 1.0, 2, List.of(0.9, 0.1)).load(null);
        TrainingData data = withHoldout(blobs, new Loss.Bce());
        TrialResult r = single(data, ModelSpec.linear(WeightInit.ZERO), "sgd", 1, 0.5, FULL);
        EpochMetrics m = r.epochMetrics();
        assertTrue(last(m.valAccuracy()) > last(m.valBalancedAccuracy()),
                last(m.valAccuracy()) + " > " + last(m.valBalancedAccuracy()));
        assertNotNull(EpochMetrics.at(m.valAuc(), 10), "two classes have an AUC");
        assertNotNull(EpochMetrics.at(m.valPrAuc(), 10));
        assertEquals(m.bestValLoss(), m.valLoss()[m.bestValEpoch()]);
    }

    @Test
    void aRegressionTrialHasAValidationLossAndNoClassifierMetrics() {
        Table linear = new LinearData(null, 200, 1, List.of(2.0), 1.0, 0.1, 7).load(null);
        TrainingData data = withHoldout(linear, new Loss.Mse());
        TrialResult r = single(data, Runs.ZERO_LINEAR, "sgd", 1, 0.1, FULL);
        EpochMetrics m = r.epochMetrics();
        assertNotNull(m.valLoss());
        assertTrue(last(m.valLoss()) < 0.05, "the validation mse " + last(m.valLoss()));
        assertNull(m.accuracy());
        assertNull(m.valAccuracy());
        assertNull(m.valBalancedAccuracy());
        assertNull(m.valAuc());
    }

    @Test
    void withoutValidationARegressionTrialRecordsNoMetricsAndAClassifierItsAccuracy() {
        assertNull(single(Runs.LINEAR, Runs.ZERO_LINEAR, "sgd", 1, 0.1, FULL).epochMetrics());
        EpochMetrics m = single(Runs.BLOBS, ModelSpec.linear(WeightInit.XAVIER), "adam", 1, 0.1, FULL).epochMetrics();
        assertNotNull(m.accuracy());
        assertNull(m.valLoss());
        assertNull(m.bestValLoss());
    }

    @Test
    void theValidationLossOfTheTrainingSetItselfIsTheTrainingLoss() {
        TrainingData data = Runs.BLOBS.withValidation(Runs.BLOBS);
        for (TrainingSpec training : List.of(FULL, new TrainingSpec(5, 16, DataType.FLOAT))) {
            TrialResult r = single(data, ModelSpec.linear(WeightInit.XAVIER), "adam", 3, 0.05, training);
            assertTrue(Runs.maxRelativeDifference(r.loss(), r.epochMetrics().valLoss()) < 1e-5, "batch " + training);
            assertEquals(r.epochMetrics().accuracy()[2], r.epochMetrics().valAccuracy()[2]);
        }
    }

    @Test
    void theBestModelOfATrialWithAValidationSetIsTheOneAtItsSmallestValidationLoss() {
        Table linear = new LinearData(null, 200, 1, List.of(2.0), 1.0, 0.1, 7).load(null);
        TrainingData data = withHoldout(linear, new Loss.Mse());
        Trial trial = Runs.trial(data, Runs.ZERO_LINEAR, Optimizers.byName("sgd"), 1, 1.2, 7);
        org.deeplearning4j.nn.multilayer.MultiLayerNetwork[] saved = {null};
        Models best = new Models(io.lossgrid.spec.ModelOutput.BEST, (t, net) -> {
            saved[0] = net.clone();
            return "models/" + t.id() + ".zip";
        });
        TrialResult r = new Dl4jTrialRunner(TrainingPlan.of(FULL, OutcomeRules.DEFAULT, List.of(data)),
                EpochListener.NONE, best).run(trial, data);
        double[] val = r.epochMetrics().valLoss();
        double min = java.util.Arrays.stream(val).filter(Double::isFinite).min().orElseThrow();
        assertTrue(min < val[val.length - 1], "lr 1.2 overshoots: the last row is not the best (" + val[val.length - 1]
                + " vs " + min + ")");
        double savedVal = saved[0].score(data.validation().dataSet(DataType.FLOAT));
        assertEquals(min, savedVal, 1e-5 * min, "the saved network's validation loss");
        assertEquals(r.epochMetrics().bestValEpoch(), (Integer) indexOf(val, min));
    }

    private static int indexOf(double[] values, double v) {
        for (int i = 0; i < values.length; i++) {
            if (values[i] == v) {
                return i;
            }
        }
        return -1;
    }

    @Test
    void packedAndSingleRunnersGiveTheSameValidationMetrics() {
        Table blobs = new BlobsData(null, 120, 3, 2, 2.0, 1.0, 5, List.of(0.8, 0.2)).load(null);
        TrainingData data = withHoldout(blobs, new Loss.Bce());
        List<Trial> trials = List.of(
                Runs.trial(data, ModelSpec.linear(WeightInit.XAVIER), Optimizers.byName("sgd"), 0.5, 0.3, 1),
                Runs.trial(data, ModelSpec.linear(WeightInit.XAVIER), Optimizers.byName("sgd"), 4, 0.1, 2));
        TrainingPlan plan = TrainingPlan.of(FULL, OutcomeRules.DEFAULT, List.of(data));
        assertTrue(PackedLinearRunner.packable(trials.get(0), data, FULL), "a trial with validation is packable");
        List<TrialResult> packed = new PackedLinearRunner(plan).run(trials, data);
        for (int t = 0; t < trials.size(); t++) {
            EpochMetrics p = packed.get(t).epochMetrics();
            EpochMetrics s = new Dl4jTrialRunner(plan).run(trials.get(t), data).epochMetrics();
            assertTrue(Runs.maxRelativeDifference(s.valLoss(), p.valLoss()) < 1e-5, "trial " + t);
            assertTrue(Runs.maxRelativeDifference(s.valAuc(), p.valAuc()) < 1e-5, "trial " + t);
            assertEquals(s.bestValEpoch(), p.bestValEpoch());
        }
    }

    @Test
    void aCnnMeasuresItsValidationSetABatchAtATime() {
        Table shapes = new io.lossgrid.data.ShapesData(null, 80, 8, List.of("ring", "square"), null, 0.1, 3).load(null);
        TrainingData data = withHoldout(shapes, new Loss.Xent());
        ModelSpec cnn = io.lossgrid.spec.SpecLoader.parse("""
                name: c
                data: {synthetic: {generator: shapes, samples: 80, size: 8}}
                model: {type: cnn, conv: [4]}
                loss: xent
                training: {epochs: 3, batchSize: 16}
                grid: {learningRate: [0.01], optimizer: [adam]}
                """, java.nio.file.Path.of(".")).models().get(0);
        TrialResult r = single(data, cnn, "adam", 1, 0.01, new TrainingSpec(3, 16, DataType.FLOAT));
        assertEquals(null, r.error());
        assertEquals(4, r.epochMetrics().valLoss().length);
        assertTrue(Double.isFinite(last(r.epochMetrics().valLoss())));
        assertNotNull(EpochMetrics.at(r.epochMetrics().valAuc(), 3));
    }
}
