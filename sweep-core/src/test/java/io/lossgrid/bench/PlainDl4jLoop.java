package io.lossgrid.bench;

import io.lossgrid.grid.Trial;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.Networks;
import java.nio.file.Path;
import java.util.Locale;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The framework's own limit: what a user writes without lossgrid, a plain loop over a spec's trials in
 * one JVM, one thread, each a DL4J network fitted epoch by epoch on the whole data set with its score
 * read after every epoch. No Spark, no divergence checks, no storage.
 *
 * <pre>java -cp ... io.lossgrid.bench.PlainDl4jLoop SPEC [--runner]</pre>
 *
 * With {@code --runner} it trains the same trials with lossgrid's own {@code Dl4jTrialRunner} instead, in
 * the same loop: the engine's per-trial work without Spark.
 */
public final class PlainDl4jLoop {
    private PlainDl4jLoop() {
    }

    public static void main(String[] args) {
        long start = System.nanoTime();
        Nd4jThreads.onePerTask();
        Workloads work = Workloads.load(Path.of(args[0]));
        DataSet full = work.data().dataSet(work.spec().training().dataType());
        double checksum = 0;
        long trainStart = System.nanoTime();
        boolean runner = args.length > 1 && args[1].equals("--runner");
        io.lossgrid.train.Dl4jTrialRunner engine = new io.lossgrid.train.Dl4jTrialRunner(work.plan());
        for (Trial t : work.trials()) {
            if (runner) {
                double[] curve = engine.run(t, work.data()).loss();
                checksum += curve[curve.length - 1];
                continue;
            }
            MultiLayerNetwork net = Networks.build(t, work.data(), work.spec().training());
            for (int e = 0; e < work.spec().training().epochs(); e++) {
                net.fit(full);
                checksum += net.score();
            }
        }
        long end = System.nanoTime();
        System.out.printf(Locale.ROOT, (runner ? "lossgrid-runner" : "plain-dl4j") + ": %d trials, training %.2f s, process %.2f s (checksum %.3e)%n",
                work.trials().size(), (end - trainStart) / 1e9, (end - start) / 1e9, checksum);
    }
}
