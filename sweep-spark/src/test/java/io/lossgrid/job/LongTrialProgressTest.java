package io.lossgrid.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lossgrid.store.RunState;
import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One long trial on local Spark: its epochs reach the progress line through the executor's heartbeats while it trains. */
class LongTrialProgressTest {
    static final int EPOCHS = 40_000;
    static final Pattern EPOCH_LINE = Pattern.compile("\\[lossgrid] 0/1 trials \\(0%\\) \\| epochs (\\d+) of " + EPOCHS + " ");

    static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("LongTrialProgressTest", Map.of("spark.executor.heartbeatInterval", "500ms"));
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    @Test
    void aRunOfOneLongTrialShowsEpochsBeforeTheTrialFinishes() {
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        Summary s = new SweepJob(spark, new PrintStream(log, true, StandardCharsets.UTF_8)).run(Specs.parse("""
                name: long
                data: {synthetic: {generator: linear, samples: 16, noise: 0.1, seed: 3}}
                model: {type: linear, weightInit: zero}
                loss: mse
                training: {epochs: %d}
                grid: {alpha: [1], learningRate: [0.001], optimizer: [sgd], seed: [1]}
                """.formatted(EPOCHS)), RunOptions.defaults(tmp.resolve("long").toString()));
        assertEquals(RunState.COMPLETED, s.state());

        List<String> lines = log.toString(StandardCharsets.UTF_8).lines().toList();
        List<Long> counts = lines.stream().map(EPOCH_LINE::matcher).filter(Matcher::find)
                .map(m -> Long.parseLong(m.group(1))).toList();
        assertTrue(!counts.isEmpty(), "no line counted epochs while the trial trained:\n" + String.join("\n", lines));
        assertTrue(counts.get(0) > 0 && counts.get(0) < EPOCHS, "the first count is of a trial still training: " + counts);
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("[lossgrid] 1/1 trials (100%) | diverged 0 |")),
                "the line after the commit counts the trial, not its epochs:\n" + String.join("\n", lines));
    }
}
