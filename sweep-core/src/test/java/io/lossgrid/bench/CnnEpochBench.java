package io.lossgrid.bench;

import io.lossgrid.data.ShapesData;
import io.lossgrid.data.TrainingData;
import io.lossgrid.grid.Trial;
import io.lossgrid.loss.Loss;
import io.lossgrid.outcome.OutcomeRules;
import io.lossgrid.spec.Convolution;
import io.lossgrid.spec.ModelSpec;
import io.lossgrid.spec.Optimizers;
import io.lossgrid.spec.TrainingSpec;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.Networks;
import io.lossgrid.train.Nd4jThreads;
import io.lossgrid.train.TrainingPlan;
import io.lossgrid.train.TrialResult;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * One small CNN trial's time per epoch, one ND4J thread (as in a task slot): 800 shapes images of 24x24,
 * conv [8, 16] (kernel 3, pool 2), dense [32], xent, Adam, batch 32, each epoch's row measured as the runner
 * does. Prints which convolution path the network took: ND4J's native conv2d through DL4J's MKL-DNN helper, or
 * DL4J's built-in im2col + GEMM (lossgrid's {@code lossgrid.convolution} system property chooses, see
 * {@link io.lossgrid.train.ConvolutionPath}). Arguments: {@code helpers=on|off} (ND4J's allowHelpers switch,
 * default on; it does not change the path), {@code epochs=N} (default 5),
 * {@code reps=N} timed trials after one warm-up (default 3), {@code samples=N} (800) and {@code size=N} (24).
 *
 * <p>Run it as {@code docs/benchmarks.md} ("CNN") says: on the test classpath, with {@code OMP_NUM_THREADS=1}.
 */
public final class CnnEpochBench {
    private CnnEpochBench() {
    }

    public static void main(String[] args) {
        boolean helpers = !Arrays.asList(args).contains("helpers=off");
        int epochs = intArg(args, "epochs", 5);
        int reps = intArg(args, "reps", 3);
        int samples = intArg(args, "samples", 800);
        int size = intArg(args, "size", 24);
        Nd4jThreads.onePerTask();
        Nd4j.getEnvironment().allowHelpers(helpers);
        TrainingData data = new ShapesData(null, samples, size, List.of("ring", "square"), List.of(0.1, 0.9), 0.3, 0).load(null)
                .prepare(new Loss.Xent(java.util.List.of()));
        ModelSpec model = ModelSpec.cnn(null, new Convolution(List.of(8, 16), 3, 2, false, 0), List.of(32), Activation.RELU,
                WeightInit.RELU);
        TrainingSpec training = new TrainingSpec(epochs, 32, DataType.FLOAT);
        Trial trial = new Trial("bench", 0, data.name(), model, new Loss.Xent(java.util.List.of()), Optimizers.byName("adam"), 1, 1e-3, 0);
        MultiLayerNetwork net = Networks.build(trial, data, training);
        Layer conv = net.getLayer(0);
        Object helper = conv instanceof ConvolutionLayer c ? c.getHelper() : null;
        System.out.println("dl4j mkldnn helper class loads=" + dl4jSeesMkldnn() + " nd4j helpersAllowed="
                + Nd4j.getEnvironment().helpersAllowed() + " isUseONEDNN=" + useOnednn() + " conv helper=" + (helper == null ? "none (im2col + GEMM)" : helper.getClass().getName())
                + " backend=" + Nd4j.getExecutioner().getEnvironmentInformation().getProperty("blas.vendor"));
        Dl4jTrialRunner runner = new Dl4jTrialRunner(TrainingPlan.of(training, OutcomeRules.DEFAULT, List.of(data)));
        runner.run(trial, data); // warm-up
        double[] perEpoch = new double[reps];
        for (int r = 0; r < reps; r++) {
            TrialResult result = runner.run(trial, data);
            if (result.error() != null) {
                throw new IllegalStateException(result.error());
            }
            perEpoch[r] = (double) result.trainMs() / epochs;
        }
        Arrays.sort(perEpoch);
        System.out.printf(Locale.ROOT, "cnn(8-16,k3,p2,d32) %dx1x%dx%d batch 32 helpers=%s: %.1f ms per epoch "
                + "(median of %d trials of %d epochs; all %s)%n", samples, size, size, helpers ? "on" : "off", perEpoch[reps / 2], reps, epochs,
                Arrays.toString(perEpoch));
    }

    private static String useOnednn() {
        try {
            Class<?> env = Class.forName("org.nd4j.linalg.cpu.nativecpu.bindings.Nd4jCpu$Environment");
            Object instance = env.getMethod("getInstance").invoke(null);
            return String.valueOf(env.getMethod("isUseONEDNN").invoke(instance));
        } catch (ReflectiveOperationException e) {
            return "unknown (" + e + ")";
        }
    }

    /** Whether DL4J's MKL-DNN helpers can find the class they ask for (1.0.0-M2 names a package ND4J moved). */
    private static boolean dl4jSeesMkldnn() {
        try {
            Class.forName("org.nd4j.nativeblas.Nd4jCpu$Environment");
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    static int intArg(String[] args, String key, int fallback) {
        for (String a : args) {
            if (a.startsWith(key + "=")) {
                return Integer.parseInt(a.substring(key.length() + 1));
            }
        }
        return fallback;
    }
}
