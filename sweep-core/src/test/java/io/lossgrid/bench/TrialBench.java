package io.lossgrid.bench;

import io.lossgrid.grid.Trial;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.TrialResult;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * One thread training a spec's trials one at a time with the single runner ({@link Dl4jTrialRunner}: one DL4J
 * network each, as unpackable trials train), timed, after one warm-up round: the single runner's speed without
 * Spark. The checksum adds every trial's last loss and last training accuracy, so that two builds that record
 * the same rows print the same checksum.
 *
 * <pre>OMP_NUM_THREADS=1 java -cp ... io.lossgrid.bench.TrialBench SPEC [reps=2]</pre>
 */
public final class TrialBench {
    private TrialBench() {
    }

    public static void main(String[] args) {
        int reps = CnnEpochBench.intArg(args, "reps", 2);
        Nd4jThreads.onePerTask();
        Workloads work = Workloads.load(Path.of(args[0]));
        Dl4jTrialRunner runner = new Dl4jTrialRunner(work.plan());
        double[] seconds = new double[reps + 1];
        double checksum = 0;
        for (int r = 0; r <= reps; r++) {
            long t0 = System.nanoTime();
            checksum = 0;
            for (Trial t : work.trials()) {
                TrialResult res = runner.run(t, work.data());
                checksum += res.loss()[res.loss().length - 1];
                if (res.epochMetrics() != null && res.epochMetrics().accuracy() != null) {
                    double[] accuracy = res.epochMetrics().accuracy();
                    checksum += accuracy[accuracy.length - 1];
                }
            }
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "single runner: %d trials: %.2f s (median of %d after a warm-up of %.2f s; %s),"
                + " checksum %.6e%n", work.trials().size(), timed[timed.length / 2], reps, seconds[0],
                Arrays.toString(timed), checksum);
    }
}
