package io.lossgrid.bench;

import io.lossgrid.grid.Trial;
import io.lossgrid.spec.TrainingSpec;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.TrainingPlan;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * What {@code training.trace} costs: a traced spec's trials trained by {@code Dl4jTrialRunner} without and with
 * the trace, in alternating rounds in one JVM and one thread, after a warm-up round of each. Prints the median
 * wall time of each and their ratio.
 *
 * <pre>java -cp ... io.lossgrid.bench.TraceOverhead SPEC [ROUNDS]</pre>
 */
public final class TraceOverhead {
    private TraceOverhead() {
    }

    public static void main(String[] args) {
        Nd4jThreads.onePerTask();
        Workloads work = Workloads.load(Path.of(args[0]));
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        TrainingSpec traced = work.spec().training();
        if (traced.trace() == null) {
            throw new IllegalArgumentException(args[0] + " must have training.trace");
        }
        TrainingSpec plain = new TrainingSpec(traced.epochs(), traced.batchSize(), traced.dataType());
        Dl4jTrialRunner withTrace = new Dl4jTrialRunner(new TrainingPlan(traced, work.plan().rules(),
                work.plan().linearOptimum()));
        Dl4jTrialRunner without = new Dl4jTrialRunner(new TrainingPlan(plain, work.plan().rules(),
                work.plan().linearOptimum()));
        run(work, without);
        run(work, withTrace);
        double[] a = new double[rounds];
        double[] b = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            a[i] = run(work, without);
            b[i] = run(work, withTrace);
        }
        double ma = median(a);
        double mb = median(b);
        System.out.printf(Locale.ROOT, "trace-overhead: %d trials, %d epochs, batch %d, trace %d: without %.0f ms,"
                        + " with %.0f ms, with/without %.3f (median of %d alternating rounds)%n", work.trials().size(),
                traced.epochs(), traced.batchSize(), traced.traceIterations(), ma, mb, mb / ma, rounds);
    }

    private static double run(Workloads work, Dl4jTrialRunner runner) {
        long t0 = System.nanoTime();
        double checksum = 0;
        for (Trial t : work.trials()) {
            double[] loss = runner.run(t, work.data()).loss();
            checksum += loss[loss.length - 1];
        }
        if (checksum == 42.4242) {
            System.out.println("(unlikely checksum)");
        }
        return (System.nanoTime() - t0) / 1e6;
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
