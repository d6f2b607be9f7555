package io.lossgrid.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lossgrid.grid.Trial;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;

/** The epoch hook: told once per epoch of a trial alone, once per epoch of a pack with the pack's size. */
class EpochListenerTest {
    final List<Long> calls = new ArrayList<>();

    List<TrialResult> train(int epochs, int batchSize, boolean packing, double... learningRates) {
        TrainingSpec training = new TrainingSpec(epochs, batchSize, DataType.FLOAT);
        TrainingPlan plan = TrainingPlan.of(training, OutcomeRules.DEFAULT, List.of(Runs.LINEAR));
        List<Trial> trials = new ArrayList<>();
        for (double lr : learningRates) {
            trials.add(Runs.trial(Runs.LINEAR, Runs.ZERO_LINEAR, Optimizers.byName("sgd"), 1.0, lr, 42));
        }
        List<TrialResult> results = new ArrayList<>();
        new Trainer(plan, packing, Trainer.DEFAULT_MAX_PACK, calls::add)
                .run(trials, Map.of(Runs.LINEAR.key(), Runs.LINEAR), results::add);
        return results;
    }

    @Test
    void aFullBatchTrialAloneReportsOneEpochPerEpoch() {
        train(30, TrainingSpec.FULL_BATCH, false, 0.01);
        assertEquals(30, calls.size());
        assertEquals(List.of(1L), calls.stream().distinct().toList());
    }

    @Test
    void aMiniBatchTrialReportsOncePerEpochNotOncePerBatch() {
        train(7, 50, false, 0.01);
        assertEquals(List.of(1L, 1L, 1L, 1L, 1L, 1L, 1L), calls, "200 examples in batches of 50: 4 updates an epoch");
    }

    @Test
    void trialsTrainedOneAfterAnotherEachReportTheirEpochs() {
        train(20, TrainingSpec.FULL_BATCH, false, 0.01, 0.02, 0.03);
        assertEquals(60, calls.stream().mapToLong(Long::longValue).sum());
    }

    @Test
    void aPackOfKTrialsReportsKEpochsPerEpoch() {
        List<TrialResult> results = train(25, TrainingSpec.FULL_BATCH, true, 0.01, 0.02, 0.03, 0.04);
        assertEquals(List.of("packed"), results.stream().map(TrialResult::runner).distinct().toList());
        assertEquals(25, calls.size());
        assertEquals(List.of(4L), calls.stream().distinct().toList());
    }
}
