package io.lossgrid.bench;

import io.lossgrid.grid.Trial;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.PackedLinearRunner;
import io.lossgrid.train.TrialResult;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The kernel: one linear-regression trial of 100 full-batch epochs on 200 points, trained alone as a
 * DL4J network, or packed with 31 or 511 alike trials. Every score is milliseconds per trial (a pack of K
 * counts as K operations), so their ratios are the gain of packing.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class TrainingBenchmark {
    static final String SPEC = """
            name: kernel
            data: {synthetic: {generator: linear, samples: 200, noise: 0.1, seed: 1}}
            model: {type: linear, weightInit: xavier}
            loss: mse
            training: {epochs: 100}
            grid: {alpha: {log: [0.01, 100], steps: 8}, learningRate: {log: [1.0e-5, 1.0e-2], steps: 8},
                   optimizer: [%s], seed: {range: [1, 8]}}
            """;

    @Param({"sgd", "adam"})
    public String optimizer;

    private Workloads work;
    private List<Trial> pack32;
    private List<Trial> pack512;
    private Dl4jTrialRunner single;
    private PackedLinearRunner packer;

    @Setup(Level.Trial)
    public void setUp() {
        Nd4jThreads.onePerTask();
        work = Workloads.parse(SPEC.formatted(optimizer));
        pack32 = work.trials().subList(0, 32);
        pack512 = work.trials().subList(0, 512);
        single = new Dl4jTrialRunner(work.plan());
        packer = new PackedLinearRunner(work.plan());
    }

    /** Milliseconds per trial when a trial trains alone as a DL4J network. */
    @Benchmark
    public TrialResult single() {
        return single.run(work.trials().get(0), work.data());
    }

    /** Milliseconds per trial when the packed runner trains one trial (its overhead without company). */
    @Benchmark
    public List<TrialResult> packedAlone() {
        return packer.run(work.trials().subList(0, 1), work.data());
    }

    /** Milliseconds per trial when 32 trials train as one stacked computation. */
    @Benchmark
    @OperationsPerInvocation(32)
    public List<TrialResult> packedBy32() {
        return packer.run(pack32, work.data());
    }

    /** Milliseconds per trial when 512 trials train as one stacked computation. */
    @Benchmark
    @OperationsPerInvocation(512)
    public List<TrialResult> packedBy512() {
        return packer.run(pack512, work.data());
    }
}
