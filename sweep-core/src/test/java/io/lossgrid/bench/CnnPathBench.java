package io.lossgrid.bench;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import io.lossgrid.train.Networks;
import io.lossgrid.train.Nd4jThreads;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where a CNN trial's time goes, in CPU time of the process (robust to other processes on a shared machine,
 * unlike wall time; a native library's own threads are counted): a training epoch (one
 * {@code fit} per mini batch of 32) against the whole-data pass the runner makes for each epoch's row
 * ({@code computeGradientAndScore} over slices of {@code chunk} examples), for chunks of 32, 128 and the whole
 * set. Prints which convolution implementation the network's first layer uses. Arguments: {@code samples=N}
 * (800), {@code size=N} (24), {@code reps=N} (3, after one warm-up), {@code conv=8,16}.
 */
public final class CnnPathBench {
    private static final com.sun.management.OperatingSystemMXBean PROCESS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private CnnPathBench() {
    }

    public static void main(String[] args) {
        int samples = intArg(args, "samples", 800);
        int size = intArg(args, "size", 24);
        int reps = intArg(args, "reps", 3);
        List<Integer> conv = new ArrayList<>();
        for (String f : stringArg(args, "conv", "8,16").split(",")) {
            conv.add(Integer.parseInt(f.trim()));
        }
        Nd4jThreads.onePerTask();
        TrainingData data = new ShapesData(null, samples, size, List.of("ring", "square"), List.of(0.1, 0.9), 0.3, 0)
                .load(null).prepare(new Loss.Xent(List.of()));
        ModelSpec model = ModelSpec.cnn(null, new Convolution(conv, 3, 2, false, 0), List.of(32), Activation.RELU,
                WeightInit.RELU);
        TrainingSpec training = new TrainingSpec(1, 32, DataType.FLOAT);
        Trial trial = new Trial("bench", 0, data.name(), model, new Loss.Xent(List.of()), Optimizers.byName("adam"), 1,
                1e-3, 0);
        DataSet full = data.dataSet(DataType.FLOAT);
        MultiLayerNetwork probe = Networks.build(trial, data, training);
        Layer first = probe.getLayer(0);
        Object helper = first instanceof ConvolutionLayer c ? c.getHelper() : null;
        System.out.println("conv path: " + (helper == null ? "DL4J im2col + GEMM" : helper.getClass().getSimpleName())
                + "; native library: " + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"));
        String[] names = {"train epoch (fit, batch 32)", "row pass, chunk 32", "row pass, chunk 128", "row pass, whole set"};
        double[][] cpu = new double[names.length][reps];
        for (int r = -1; r < reps; r++) {
            MultiLayerNetwork net = Networks.build(trial, data, training);
            double[] t = new double[names.length];
            t[0] = cpuMs(() -> {
                for (DataSet batch : full.copy().batchBy(32)) {
                    net.fit(batch);
                }
            });
            t[1] = cpuMs(() -> rowPass(net, full, 32));
            t[2] = cpuMs(() -> rowPass(net, full, 128));
            t[3] = cpuMs(() -> rowPass(net, full, samples));
            if (r >= 0) {
                for (int i = 0; i < names.length; i++) {
                    cpu[i][r] = t[i];
                }
            }
        }
        for (int i = 0; i < names.length; i++) {
            Arrays.sort(cpu[i]);
            System.out.printf(Locale.ROOT, "cnn(%s,k3,p2,d32) %dx1x%dx%d %-28s %8.1f ms CPU (median of %d; all %s)%n",
                    stringArg(args, "conv", "8,16").replace(',', '-'), samples, size, size, names[i], cpu[i][reps / 2],
                    reps, Arrays.toString(cpu[i]));
        }
    }

    /** The runner's row: whole-data loss and gradient, a slice of {@code chunk} examples at a time. */
    private static void rowPass(MultiLayerNetwork net, DataSet full, int chunk) {
        int n = full.numExamples();
        double score = 0;
        for (int from = 0; from < n; from += chunk) {
            int to = Math.min(n, from + chunk);
            net.setInput(full.getFeatures().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.setLabels(full.getLabels().get(NDArrayIndex.interval(from, to), NDArrayIndex.all()));
            net.computeGradientAndScore();
            score += net.score() * (to - from) / n;
        }
        if (!Double.isFinite(score)) {
            throw new IllegalStateException("score " + score);
        }
    }

    /** CPU time of the whole process (so that threads a native library starts are counted too), in ms. */
    private static double cpuMs(Runnable work) {
        long t0 = PROCESS.getProcessCpuTime();
        work.run();
        return (PROCESS.getProcessCpuTime() - t0) / 1e6;
    }

    private static int intArg(String[] args, String key, int fallback) {
        return Integer.parseInt(stringArg(args, key, String.valueOf(fallback)));
    }

    private static String stringArg(String[] args, String key, String fallback) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return a.substring(key.length() + 1);
            }
        }
        return fallback;
    }
}
