package io.lossgrid.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lossgrid.testing.Specs;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code run} refusing a distributed spec it cannot serve, before Spark starts: exit 2, exactly one line on
 * stderr, nothing written.
 */
class DistributedRefusalTest {
    private static final String SPEC = """
            name: dist
            data: {synthetic: {generator: linear, samples: 10, seed: 1}}
            model: {type: linear, weightInit: zero}
            loss: mse
            training: {epochs: 2%s}
            grid: {alpha: [1], learningRate: [0.01], optimizer: [sgd]}
            """;

    @TempDir
    Path tmp;

    private record Run(int status, String err) {
    }

    private Run run(String training, String... more) {
        Path spec = Specs.write(tmp, "dist.yaml", SPEC.formatted(training));
        String[] args = new String[3 + more.length];
        args[0] = "run";
        args[1] = spec.toString();
        args[2] = "--out=" + tmp.resolve("out");
        System.arraycopy(more, 0, args, 3, more.length);
        StringWriter err = new StringWriter();
        int status = Main.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), args);
        return new Run(status, err.toString());
    }

    @Test
    void distributedTrialsWithPackingAskedForExplicitlyAreRefused() {
        Run r = run(", distributed: {workers: 2}", "--packing", "on");
        assertEquals(2, r.status(), r.err());
        assertEquals("lossgrid: spec error: training.distributed must not be combined with --packing on (distributed"
                + " trials are never packed), found --packing on; leave --packing out, or set it off\n", r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void moreWorkersThanRowsAreRefusedBeforeAnythingIsWritten() {
        Run r = run(", distributed: {workers: 11}");
        assertEquals(2, r.status(), r.err());
        assertEquals("lossgrid: spec error: training.distributed.workers must be at most the data's rows (each worker"
                + " needs at least one example), found 11 workers for the 10 rows of data \"linear\"; use at most 10"
                + " workers\n", r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }

    @Test
    void aWorkersBatchLargerThanItsPartitionIsRefusedBeforeAnythingIsWritten() {
        Run r = run(", batchSize: 4, distributed: {workers: 3, batchSizePerWorker: 4}");
        assertEquals(2, r.status(), r.err());
        assertEquals("lossgrid: spec error: training.distributed.batchSizePerWorker must be at most a worker's partition"
                + " (3 rows: 10 rows / 3 workers), found 4 for data \"linear\"; use at most 3 or fewer workers\n", r.err());
        assertFalse(Files.exists(tmp.resolve("out")));
    }
}
