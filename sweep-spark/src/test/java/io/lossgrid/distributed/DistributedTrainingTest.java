package io.lossgrid.distributed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.job.RunOptions;
import io.lossgrid.job.Summary;
import io.lossgrid.job.SweepJob;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunState;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distributed trials in local mode (two task slots, two workers): with plain SGD, equal partitions and one full
 * step per worker per epoch, parameter averaging is full-batch gradient descent, so the distributed curves equal
 * the single-executor ones to float rounding; a mini-batch distributed trial converges to the same least-squares
 * minimum; failures and divergence are rows with their status.
 */
class DistributedTrainingTest {
    /**
     * 6 trials per sweep on 64 rows of y = x1 + x2 + 1 + noise: a linear model, a tanh mlp and an mlp whose
     * identity init DL4J refuses (FAILED), sgd at (α, lr) = (1, 0.01) and (10, 0.05).
     */
    private static final String FULL_BATCH = """
            name: %s
            data: {synthetic: {generator: linear, samples: 64, features: 2, noise: 0.1, seed: 3}}
            model:
              - {type: linear, weightInit: zero}
              - {type: mlp, hidden: [4], activation: tanh, weightInit: xavier}
              - {type: mlp, name: bad-init, hidden: [3], weightInit: identity}
            loss: mse
            training: {epochs: 12%s}
            grid: {cells: [{alpha: 1, learningRate: 0.01}, {alpha: 10, learningRate: 0.05}], optimizer: [sgd], seed: [7]}
            """;
    private static final String MINI_BATCH = """
            name: %s
            data: {synthetic: {generator: linear, samples: 128, noise: 0.1, seed: 3}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 40, batchSize: 8%s}
            grid: {alpha: [1], learningRate: [0.1], optimizer: [sgd], seed: [7]}
            """;

    static SparkSession spark;
    static final List<String> descriptions = Collections.synchronizedList(new ArrayList<>());

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runTheSweeps() {
        spark = LocalSpark.start("DistributedTrainingTest");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onJobStart(SparkListenerJobStart start) {
                String d = start.properties().getProperty("spark.job.description");
                if (d != null) {
                    descriptions.add(d);
                }
            }
        });
        run(FULL_BATCH, "single", "");
        run(FULL_BATCH, "distributed", ", distributed: {workers: 2}");
        run(MINI_BATCH, "mini-single", "");
        run(MINI_BATCH, "mini-distributed", ", distributed: {workers: 2, averagingFrequency: 2}");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static void run(String template, String name, String distributed) {
        Summary s = new SweepJob(spark, new PrintStream(new ByteArrayOutputStream()))
                .run(Specs.parse(template.formatted(name, distributed)), RunOptions.defaults(tmp.resolve(name).toString()));
        assertEquals(RunState.COMPLETED, s.state());
    }

    private static ResultDirectory dir(String name) {
        return ResultDirectory.at(tmp.resolve(name).toString(), spark.sparkContext().hadoopConfiguration());
    }

    /** Each trial's row by (model, alpha, learning_rate): the key the two sweeps share (their ids differ). */
    private static Map<String, Row> trials(String name) {
        Map<String, Row> out = new TreeMap<>();
        for (Row r : dir(name).trials(spark).collectAsList()) {
            out.put(key(r), r);
        }
        return out;
    }

    private static String key(Row r) {
        return r.getAs("model") + "/" + r.<Double>getAs("alpha") + "/" + r.<Double>getAs("learning_rate");
    }

    /** Each trial's curve by the same key, epoch by epoch. */
    private static Map<String, double[]> curves(String name) {
        Map<String, double[]> out = new TreeMap<>();
        for (Row t : dir(name).trials(spark).collectAsList()) {
            List<Row> rows = dir(name).epochs(spark).where("trial_id = '" + t.getAs("trial_id") + "'")
                    .orderBy("epoch").collectAsList();
            out.put(key(t), rows.stream().mapToDouble(r -> r.<Double>getAs("loss")).toArray());
        }
        return out;
    }

    @Test
    void fullBatchSgdAveragedEveryStepOverEqualPartitionsIsFullBatchGradientDescent() {
        Map<String, double[]> single = curves("single");
        Map<String, double[]> distributed = curves("distributed");
        assertEquals(single.keySet(), distributed.keySet());
        int compared = 0;
        for (String k : single.keySet()) {
            double[] s = single.get(k);
            double[] d = distributed.get(k);
            assertEquals(s.length, d.length, k + ": epochs recorded");
            for (int e = 0; e < s.length && Double.isFinite(s[e]); e++) {
                assertEquals(s[e], d[e], 1e-5 * Math.abs(s[e]), k + " epoch " + e);
                compared++;
            }
        }
        assertTrue(compared >= 4 * 13, "compared " + compared + " rows of stable curves");
    }

    @Test
    void distributedRowsHaveTheSingleExecutorStatusesAndNameTheirRunner() {
        Map<String, Row> single = trials("single");
        Map<String, Row> distributed = trials("distributed");
        for (String k : single.keySet()) {
            Row d = distributed.get(k);
            assertEquals(single.get(k).<String>getAs("status"), d.getAs("status"), k);
            assertEquals("distributed", d.getAs("runner"), k);
            assertEquals("driver", d.getAs("executor"), k);
        }
        assertEquals("FAILED", distributed.get("bad-init/1.0/0.01").getAs("status"));
        assertTrue(distributed.values().stream().anyMatch(r -> "CONVERGED".equals(r.getAs("status"))));
    }

    @Test
    void eachDistributedTrialRunsAsSparkJobsDescribedByBatchTrialAndEpoch() {
        List<String> ids = new ArrayList<>(trials("distributed").values().stream()
                .filter(r -> !"FAILED".equals(r.getAs("status"))).map(r -> r.<String>getAs("trial_id")).toList());
        for (String id : ids) {
            assertTrue(descriptions.stream().anyMatch(d -> d.matches("batch 1: distributed trial " + id
                    + " \\(\\d+ of 6\\), epoch 1")), id + " in " + descriptions);
        }
    }

    /**
     * Mini-batches of 8 on each of two workers, averaged every 2 of them: not the same updates as one executor's
     * batches of 8, but the same minimum. Both runs must reach the exact least-squares loss by the convergence
     * rule (within 0.001 of the initial gap), and their final losses must agree to that same 0.001 of the gap:
     * the noise floor of SGD at lr 0.1 with batches of 8 is far below it on this problem.
     */
    @Test
    void aMiniBatchDistributedTrialReachesTheSingleExecutorLoss() {
        Row single = trials("mini-single").values().iterator().next();
        Row distributed = trials("mini-distributed").values().iterator().next();
        assertEquals("CONVERGED", single.getAs("status"));
        assertEquals("CONVERGED", distributed.getAs("status"));
        double gap = single.<Double>getAs("initial_loss") - single.<Double>getAs("target_loss");
        assertEquals(single.<Double>getAs("final_loss"), distributed.<Double>getAs("final_loss"), 1e-3 * gap);
        assertEquals(single.<Double>getAs("initial_loss"), distributed.<Double>getAs("initial_loss"), 1e-6);
    }
}
