package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lossgrid.testing.LocalSpark;
import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code run --gpus-per-task}: refused when malformed or on a master that schedules no GPUs (GpuClusterIT runs it). */
class GpuOptionsTest {
    private static SparkSession spark;

    @TempDir
    static Path tmp;

    @BeforeAll
    static void start() {
        spark = LocalSpark.start("GpuOptionsTest");
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Main.execute(new java.io.ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return new String[] {Integer.toString(status), out.toString(), err.toString()};
    }

    @Test
    void aGpuAmountThatSparkCannotShareIsOneLineAndStatusTwo() {
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        Path out = tmp.resolve("never");
        String[] r = run("run", spec.toString(), "--out", out.toString(), "--gpus-per-task", "0.75");
        assertEquals("2", r[0], r[2]);
        assertEquals("lossgrid: --gpus-per-task must be a whole number >= 1 or a fraction 1/K (K >= 2) such as 1/4,"
                + " found 0.75 (see 'sweep run --help')\n", r[2]);
        assertFalse(Files.exists(out));
    }

    @Test
    void askingForGpusInLocalModeIsRefusedBeforeAnythingIsWritten() {
        Path spec = Specs.write(tmp, "mixed.yaml", Specs.MIXED);
        Path out = tmp.resolve("never-local");
        String[] r = run("run", spec.toString(), "--out", out.toString(), "--gpus-per-task", "1/2");
        assertEquals("2", r[0], r[2]);
        assertEquals("lossgrid: --gpus-per-task needs a cluster master (spark://, yarn, k8s://) whose workers advertise"
                + " GPUs: local mode schedules none, found local[2]; start one with scripts/cluster up --gpus N and pass"
                + " --master\n", r[2]);
        assertFalse(Files.exists(out));
    }
}
