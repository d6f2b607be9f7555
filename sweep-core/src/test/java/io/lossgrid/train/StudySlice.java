package io.lossgrid.train;

import io.lossgrid.data.DataSpec;
import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.AllTrials;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.SpecLoader;
import io.lossgrid.spec.SweepSpec;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Sizes a cnn study on a {@code shapes} data set from a slice of its grid: every {@code stride}-th trial in the
 * spec's order, trained one after another by lossgrid's runner on one thread. Prints per trial its CPU time and
 * its balanced accuracy on held-out images (the spec's generator with another seed), then the CPU time of the
 * slice and what the whole grid would take on {@code cores} task slots at that rate.
 *
 * <pre>OMP_NUM_THREADS=1 java -cp ... io.lossgrid.train.StudySlice SPEC [stride=11] [cores=2] [held=400]</pre>
 *
 * CPU time (of the training thread: ND4J and OpenBLAS run on it with one thread each) rather than wall time,
 * so that other work on a shared machine does not enter the estimate.
 */
public final class StudySlice {
    private StudySlice() {
    }

    public static void main(String[] args) {
        SweepSpec spec = SpecLoader.load(Path.of(args[0]));
        int stride = intArg(args, "stride", 11);
        int cores = intArg(args, "cores", 2);
        int held = intArg(args, "held", 400);
        Nd4jThreads.onePerTask();
        DataSpec source = spec.data().get(0);
        if (!(source instanceof ShapesData shapes)) {
            throw new IllegalArgumentException(args[0] + " must generate shapes");
        }
        ShapesData heldOut = new ShapesData("held", held, shapes.size(), shapes.classes(), shapes.weights(),
                shapes.noise(), shapes.seed() + 1);
        Map<Loss, TrainingData> train = new LinkedHashMap<>();
        Map<Loss, TrainingData> test = new LinkedHashMap<>();
        for (Loss loss : spec.losses()) {
            train.put(loss, source.load(spec.baseDir()).prepare(loss));
            test.put(loss, heldOut.load(null).prepare(loss));
        }
        TrainingPlan plan = TrainingPlan.of(spec.training(), spec.convergence(), train.values());
        Dl4jTrialRunner runner = new Dl4jTrialRunner(plan);
        List<Trial> all = AllTrials.of(spec);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        runner.run(all.get(0), train.get(all.get(0).loss())); // warm-up, not counted
        double cpu = 0;
        int count = 0;
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < all.size(); i += stride) {
            Trial t = all.get(i);
            AtomicReference<MultiLayerNetwork> net = new AtomicReference<>();
            long c0 = threads.getCurrentThreadCpuTime();
            TrialResult r = runner.run(t, train.get(t.loss()), net::set);
            double ms = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            cpu += ms;
            count++;
            double balanced = net.get() == null ? Double.NaN : balancedAccuracy(net.get(), test.get(t.loss()));
            String line = String.format(Locale.ROOT, "%4d %-34s alpha %-7.3g lr %-7.1e %-10s %-9s epochs %2d cpu %7.0f ms"
                            + " wall %6d ms balanced accuracy %.3f", t.index(), t.loss().name(), t.alpha(), t.learningRate(),
                    t.optimizer().name(), r.metrics().status(), r.metrics().epochsRun(), ms, r.trainMs(), balanced);
            System.out.println(line);
            lines.add(line);
        }
        double perTrial = cpu / count;
        System.out.printf(Locale.ROOT, "slice: %d of %d trials (every %d-th), %.1f s CPU, %.0f ms per trial; the whole grid "
                        + "on %d slots: %.1f min of training (no start-up, no Spark)%n", count, all.size(), stride,
                cpu / 1000, perTrial, cores, perTrial * all.size() / cores / 60000);
    }

    /**
     * Mean over classes of the share of that class's held-out images predicted as it: the argmax of the outputs,
     * or for one output (a sigmoid loss on logits, label 1 for class 1) whether the logit is above 0.
     */
    static double balancedAccuracy(MultiLayerNetwork net, TrainingData data) {
        INDArray out = net.output(data.dataSet(DataType.FLOAT).getFeatures());
        int k = data.outputs();
        int classes = Math.max(2, k);
        int[] hit = new int[classes];
        int[] total = new int[classes];
        for (int i = 0; i < data.rows(); i++) {
            int label;
            int predicted;
            if (k == 1) {
                label = data.y()[i] > 0.5f ? 1 : 0;
                predicted = out.getDouble(i, 0) > 0 ? 1 : 0;
            } else {
                label = 0;
                for (int j = 1; j < k; j++) {
                    label = data.y()[i * k + j] > data.y()[i * k + label] ? j : label;
                }
                predicted = out.getRow(i).argMax().getInt(0);
            }
            total[label]++;
            hit[label] += predicted == label ? 1 : 0;
        }
        double sum = 0;
        for (int c = 0; c < classes; c++) {
            sum += total[c] == 0 ? 0 : (double) hit[c] / total[c];
        }
        return sum / classes;
    }

    private static int intArg(String[] args, String key, int fallback) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return Integer.parseInt(a.substring(key.length() + 1));
            }
        }
        return fallback;
    }
}
