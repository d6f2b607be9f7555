package io.lossgrid.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.job.PreparedData;
import io.lossgrid.job.RunOptions;
import io.lossgrid.job.Summary;
import io.lossgrid.job.SweepJob;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;

/**
 * {@code output.models}: saved networks go through the tables' commit protocol (published under
 * {@code models/<trial_id>.zip} once their trials are committed, named by {@code trials.model_path}), hold the
 * network the trial ended with ({@code final}) or the one at its smallest loss ({@code best}), for single-executor
 * and distributed trials alike; a resume settles what a stopped run left staged.
 */
class SavedModelsTest {
    /** sgd at a stable and a diverging learning rate, and an mlp whose identity init DL4J refuses (FAILED). */
    private static final String SPEC = """
            name: %s
            data: {synthetic: {generator: linear, samples: 32, noise: 0.1, seed: 3}}
            model:
              - {type: linear, weightInit: zero}
              - {type: mlp, name: bad-init, hidden: [3], weightInit: identity}
            loss: mse
            training: {epochs: 10%s}
            grid: {alpha: [1], learningRate: [0.1, 1.5], optimizer: [sgd], seed: [7]}
            output: {models: %s}
            """;

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void runTheSweeps() {
        spark = LocalSpark.start("SavedModelsTest");
        run("final");
        run("best");
        run("distributed");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static SweepSpec spec(String name) {
        return Specs.parse(SPEC.formatted(name, name.equals("distributed") ? ", distributed: {workers: 2}" : "",
                name.equals("best") ? "best" : "final"));
    }

    private static void run(String name) {
        Summary s = new SweepJob(spark, new PrintStream(new ByteArrayOutputStream()))
                .run(spec(name), RunOptions.defaults(tmp.resolve(name).toString()));
        assertEquals(io.lossgrid.store.RunState.COMPLETED, s.state());
    }

    private static ResultDirectory dir(String name) {
        return ResultDirectory.at(tmp.resolve(name).toString(), spark.sparkContext().hadoopConfiguration());
    }

    private static Map<Double, Row> byLearningRate(String name, String model) {
        Map<Double, Row> out = new TreeMap<>();
        dir(name).trials(spark).where("model = '" + model + "'").collectAsList()
                .forEach(r -> out.put(r.<Double>getAs("learning_rate"), r));
        return out;
    }

    /** The whole-data loss of the saved network of {@code trial}, unscaled. */
    private static double savedLoss(String name, Row trial) throws Exception {
        Path file = tmp.resolve(name).resolve(trial.<String>getAs("model_path"));
        MultiLayerNetwork net = ModelSerializer.restoreMultiLayerNetwork(file.toFile());
        TrainingData data = PreparedData.load(spec(name)).byKey().values().iterator().next();
        DataSet all = data.dataSet(DataType.FLOAT);
        return net.score(all) / trial.<Double>getAs("alpha");
    }

    private static List<String> files(String name) throws Exception {
        try (Stream<Path> s = Files.walk(tmp.resolve(name).resolve("models"))) {
            return s.filter(Files::isRegularFile).map(p -> tmp.resolve(name).relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void eachTrialThatTrainedHasItsFinalNetworkNamedByModelPathAndAFailedOneHasNone() throws Exception {
        for (Row r : byLearningRate("final", "linear").values()) {
            assertEquals("models/" + r.getAs("trial_id") + ".zip", r.getAs("model_path"));
            if ("CONVERGED".equals(r.getAs("status"))) {
                assertEquals(r.<Double>getAs("final_loss"), savedLoss("final", r), 1e-5 * r.<Double>getAs("final_loss"));
            }
        }
        byLearningRate("final", "bad-init").values().forEach(r -> assertNull(r.getAs("model_path")));
        List<String> expected = byLearningRate("final", "linear").values().stream()
                .map(r -> r.<String>getAs("model_path")).sorted().toList();
        assertEquals(expected, files("final"), "the published models, nothing staged");
    }

    @Test
    void bestKeepsTheNetworkAtTheSmallestLossNotTheOneADivergingTrialEndedWith() throws Exception {
        Row diverging = byLearningRate("best", "linear").get(1.5);
        assertEquals("DIVERGED", diverging.getAs("status"));
        double saved = savedLoss("best", diverging);
        assertEquals(diverging.<Double>getAs("min_loss"), saved, 1e-5 * saved);
        assertTrue(saved < diverging.<Double>getAs("final_loss"), saved + " vs final " + diverging.getAs("final_loss"));
    }

    @Test
    void aDistributedTrialSavesItsAveragedNetworkFromTheDriver() throws Exception {
        Row r = byLearningRate("distributed", "linear").get(0.1);
        assertEquals("distributed", r.getAs("runner"));
        assertEquals(r.<Double>getAs("final_loss"), savedLoss("distributed", r), 1e-5 * r.<Double>getAs("final_loss"));
    }

    @Test
    void aResumePublishesTheStagedModelsOfCommittedTrialsAndDeletesTheOthers() throws Exception {
        Path root = tmp.resolve("final");
        Row committed = byLearningRate("final", "linear").get(0.1);
        Path published = root.resolve(committed.<String>getAs("model_path"));
        Path staging = Files.createDirectories(root.resolve("models/.staging"));
        // As a run stopped between its trials' commit and the models' publication leaves them, plus a model of a
        // trial whose batch never committed.
        Files.move(published, staging.resolve(published.getFileName()));
        Files.writeString(staging.resolve("sgd-000000000000.zip"), "a trial never committed");
        assertFalse(Files.exists(published));

        dir("final").removeUncommitted();

        assertTrue(Files.exists(published));
        assertFalse(Files.exists(staging));
        assertEquals(savedLoss("final", committed), committed.<Double>getAs("final_loss"),
                1e-5 * committed.<Double>getAs("final_loss"));
    }
}
