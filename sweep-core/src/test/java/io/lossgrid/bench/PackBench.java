package io.lossgrid.bench;

import io.lossgrid.grid.Trial;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.PackedMlpRunner;
import io.lossgrid.train.TrialResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One thread training a spec's packable network trials as {@link PackedMlpRunner} packs them (grouped by
 * {@link PackedMlpRunner#packKey}, cut into packs of at most {@code pack} trials), timed, after one warm-up
 * round: the packed runner's speed without Spark, for profiling it.
 *
 * <pre>OMP_NUM_THREADS=1 java -cp ... io.lossgrid.bench.PackBench SPEC [pack=32] [reps=2]</pre>
 */
public final class PackBench {
    private PackBench() {
    }

    public static void main(String[] args) {
        int pack = CnnEpochBench.intArg(args, "pack", 32);
        int reps = CnnEpochBench.intArg(args, "reps", 2);
        Nd4jThreads.onePerTask();
        Workloads work = Workloads.load(Path.of(args[0]));
        Map<String, List<Trial>> keyed = new LinkedHashMap<>();
        for (Trial t : work.trials()) {
            keyed.computeIfAbsent(PackedMlpRunner.packKey(t, work.spec().training()), x -> new ArrayList<>()).add(t);
        }
        List<List<Trial>> packs = new ArrayList<>();
        keyed.values().forEach(ts -> {
            for (int i = 0; i < ts.size(); i += pack) {
                packs.add(ts.subList(i, Math.min(ts.size(), i + pack)));
            }
        });
        PackedMlpRunner runner = new PackedMlpRunner(work.plan());
        double[] seconds = new double[reps + 1];
        long rows = 0;
        double checksum = 0;
        for (int r = 0; r <= reps; r++) {
            long t0 = System.nanoTime();
            rows = 0;
            checksum = 0;
            for (List<Trial> p : packs) {
                for (TrialResult res : runner.run(p, work.data())) {
                    rows += res.loss().length;
                    checksum += res.loss()[res.loss().length - 1];
                }
            }
            seconds[r] = (System.nanoTime() - t0) / 1e9;
        }
        double[] timed = Arrays.copyOfRange(seconds, 1, seconds.length);
        Arrays.sort(timed);
        System.out.printf(Locale.ROOT, "packed: %d trials in %d packs of <= %d, %d rows: %.2f s (median of %d after a"
                + " warm-up of %.2f s; %s), checksum %.6e%n", work.trials().size(), packs.size(), pack, rows,
                timed[timed.length / 2], reps, seconds[0], Arrays.toString(timed), checksum);
    }
}
