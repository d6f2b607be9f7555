package io.lossgrid.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lossgrid.grid.Trial;
import io.lossgrid.job.PreparedData;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.testing.AllTrials;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import io.lossgrid.train.EpochListener;
import io.lossgrid.train.Models;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link DistributedTrials} on its own: results in the trials' order, a stop honoured between trials. */
class DistributedTrialsTest {
    private static final SweepSpec SPEC = Specs.parse("""
            name: stop
            data: {synthetic: {generator: linear, samples: 16, seed: 1}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 2, distributed: {workers: 2}}
            grid: {alpha: [1], learningRate: [0.01, 0.1, 0.2], optimizer: [sgd]}
            """);

    static SparkSession spark;
    static DistributedTrials trials;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("DistributedTrialsTest");
        PreparedData data = PreparedData.load(SPEC);
        trials = new DistributedTrials(JavaSparkContext.fromSparkContext(spark.sparkContext()),
                TrainingPlan.of(SPEC.training(), SPEC.convergence(), data.all()), data.byKey(), EpochListener.NONE,
                Models.NONE);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void eachTrialIsHandedOnInOrderWithTheDistributedRunnerAndItsWholeCurve() {
        List<TrialResult> handed = new ArrayList<>();
        trials.run(1, AllTrials.of(SPEC), handed::add, () -> false);
        assertEquals(AllTrials.of(SPEC).stream().map(Trial::id).toList(), handed.stream().map(r -> r.trial().id()).toList());
        handed.forEach(r -> assertEquals("distributed", r.runner()));
        handed.forEach(r -> assertEquals(3, r.loss().length, "rows 0, 1 and 2"));
    }

    @Test
    void aStopAskedForWhileATrialTrainsHandsNothingMoreOnAndEndsTheBatch() {
        List<TrialResult> handed = new ArrayList<>();
        assertThrows(DistributedTrials.Interrupted.class,
                () -> trials.run(1, AllTrials.of(SPEC), handed::add, () -> !handed.isEmpty()));
        assertEquals(1, handed.size(), "the first trial, finished before the stop was asked for");
    }

    @Test
    void aTrainingOnOneExecutorIsNotDistributed() {
        SweepSpec single = Specs.parse("""
                name: single
                data: {synthetic: {generator: linear, samples: 16, seed: 1}}
                model: {type: linear}
                loss: mse
                training: {epochs: 2}
                grid: {alpha: [1], learningRate: [0.01], optimizer: [sgd]}
                """);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DistributedTrials(
                JavaSparkContext.fromSparkContext(spark.sparkContext()), TrainingPlan.of(single.training(),
                single.convergence(), List.of()), java.util.Map.of(), EpochListener.NONE, Models.NONE));
        assertEquals("distributed trials need training.distributed, found a training on one executor: "
                + single.training(), e.getMessage());
    }
}
