package io.lossgrid.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.data.TrainingData;
import io.lossgrid.job.RunOptions;
import io.lossgrid.job.Summary;
import io.lossgrid.job.SweepJob;
import io.lossgrid.search.BoundaryStrategy;
import io.lossgrid.search.Bracket;
import io.lossgrid.search.SearchState;
import io.lossgrid.search.Strategy;
import io.lossgrid.spec.SweepSpec;
import io.lossgrid.store.ResultDirectory;
import io.lossgrid.store.RunState;
import io.lossgrid.store.SweepManifest;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A boundary search end to end on local Spark, with the real trainer: plain SGD on linear least squares, where
 * full-batch gradient descent on α·MSE is stable exactly while α·lr &lt; 2/λmax of the MSE's Hessian. The
 * {@code brackets} table must say what {@link BoundaryStrategy#brackets} says of the same committed rows, and
 * every α's bracket must hold 2/λmax computed from the data (as {@code CriticalLearningRateTest} does in
 * sweep-core, whose 1000 epochs leave a run less than 0.25% above the critical value undecided: called stable).
 */
class BracketsTableTest {
    static final String SPEC = """
            name: boundary-lsq
            data: {synthetic: {generator: linear, samples: 256, seed: 3}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 1000, batchSize: full}
            grid: {alpha: [0.01, 1, 100], optimizer: [sgd]}
            search: {strategy: boundary, learningRate: {log: [1.0e-5, 1.0e+5]}, precision: 1.05, budget: 200}
            """;

    static SparkSession spark;
    static SweepSpec spec;
    static ResultDirectory store;
    static Analysis analysis;
    static Summary summary;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void searchOnce() {
        spark = LocalSpark.start("BracketsTableTest");
        spec = Specs.parse(SPEC);
        String dir = tmp.resolve("boundary").toString();
        summary = new SweepJob(spark, new PrintStream(new ByteArrayOutputStream())).run(spec, RunOptions.defaults(dir));
        store = ResultDirectory.at(dir, spark.sparkContext().hadoopConfiguration());
        analysis = Analysis.of(spark, store);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    /** λmax of the MSE's Hessian 2/n [x 1]^T [x 1] (DL4J's MSE divides by the one output too), from the data. */
    static double lambdaMax() {
        TrainingData data = spec.data().get(0).load(spec.baseDir()).prepare(spec.losses().get(0));
        double a = 0;
        double b = 0;
        double d = 0;
        for (int i = 0; i < data.rows(); i++) {
            double x = data.x()[i];
            a += 2.0 / data.rows() * x * x;
            b += 2.0 / data.rows() * x;
            d += 2.0 / data.rows();
        }
        return (a + d) / 2 + Math.sqrt((a - d) * (a - d) / 4 + b * b);
    }

    static List<Bracket> fromStrategy() {
        return ((BoundaryStrategy) Strategy.of(spec)).brackets(SearchState.of(store.finishedTrials()));
    }

    @Test
    void theBracketsTableSaysWhatTheStrategySaysOfTheSameRows() {
        assertEquals(RunState.COMPLETED, summary.state());
        List<Bracket> expected = fromStrategy();
        List<Row> table = analysis.table(AnalysisTable.BRACKETS).collectAsList();
        assertEquals(expected.size(), table.size());
        for (int i = 0; i < table.size(); i++) {
            Bracket b = expected.get(i);
            Row r = table.get(i);
            assertEquals(b.cell().alpha(), r.<Double>getAs("alpha"));
            assertEquals("sgd", r.<String>getAs("optimizer"));
            assertEquals(b.kind().name(), r.<String>getAs("kind"));
            assertEquals(b.stable(), r.<Double>getAs("stable_lr"));
            assertEquals(b.unstable(), r.<Double>getAs("unstable_lr"));
            assertEquals(b.ratio(), r.<Double>getAs("ratio"));
            assertEquals(b.critical(), r.<Double>getAs("critical_lr"));
            assertEquals(b.cell().alpha() * b.critical(), r.<Double>getAs("critical_effective_lr"), 1e-12);
            assertEquals(b.trials(), r.<Integer>getAs("trials"));
        }
    }

    @Test
    void everyAlphasBracketHoldsTwoOverLambdaMaxWithinFivePercent() {
        double critical = 2 / lambdaMax();
        List<Row> table = analysis.table(AnalysisTable.BRACKETS).collectAsList();
        assertEquals(3, table.size());
        for (Row r : table) {
            double alpha = r.getAs("alpha");
            double stable = alpha * r.<Double>getAs("stable_lr");
            double unstable = alpha * r.<Double>getAs("unstable_lr");
            String where = "alpha " + alpha + ": alpha*lr between " + stable + " and " + unstable + ", critical " + critical;
            assertEquals("BRACKETED", r.getAs("kind"), where);
            assertTrue(stable <= critical * 1.0025 && critical < unstable, where);
            assertTrue(r.<Double>getAs("ratio") < 1.05, where);
        }
    }

    @Test
    void criticalLrOfABoundarySearchIsEachAlphasBracket() {
        List<Row> critical = analysis.criticalLr().collectAsList();
        List<Bracket> expected = fromStrategy();
        assertEquals(expected.size(), critical.size());
        for (int i = 0; i < critical.size(); i++) {
            Bracket b = expected.get(i);
            Row r = critical.get(i);
            assertEquals(b.cell().alpha(), r.<Double>getAs("alpha"));
            assertEquals(b.stable(), r.<Double>getAs("largest_stable_lr"));
            assertEquals(b.unstable(), r.<Double>getAs("smallest_diverging_lr"));
            assertEquals(b.cell().alpha() * b.critical(), r.<Double>getAs("critical_effective_lr"), 1e-12);
            assertEquals(true, r.<Boolean>getAs("monotone"));
        }
    }

    @Test
    void everyTrialCarriesItsRoundAndSweepJsonRecordsEveryRound() {
        List<Integer> rounds = store.trials(spark).select("round").distinct().orderBy("round").as(Encoders.INT())
                .collectAsList();
        SweepManifest m = store.manifest().orElseThrow();
        assertTrue(rounds.size() >= 3, "several rounds: " + rounds);
        assertEquals(rounds.size(), m.rounds().size());
        for (int r = 0; r < rounds.size(); r++) {
            assertEquals(r, rounds.get(r));
            assertEquals(store.trials(spark).filter("round = " + r).count(), m.rounds().get(r).trials());
        }
        assertEquals(0, m.rounds().get(rounds.size() - 1).openBrackets());
        assertEquals(summary.trained(), store.trials(spark).count());
    }
}
