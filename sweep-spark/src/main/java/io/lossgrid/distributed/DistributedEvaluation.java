package io.lossgrid.distributed;

import io.lossgrid.loss.Loss;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.nd4j.evaluation.IEvaluation;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Evaluates a saved network on a data set with the bridge's distributed evaluation: the data as an RDD of
 * mini-batches, scored ({@code SparkDl4jMultiLayer.calculateScore}) and evaluated
 * ({@code SparkDl4jMultiLayer.doEvaluation}) on the executors, the partial evaluations merged on the driver.
 *
 * <p>Metrics, in this order: {@code loss} (the trial's loss, unscaled: the network's score divided by α, mean
 * over the examples); for a classifier, {@code accuracy} and {@code balanced_accuracy} (the mean over the
 * classes present of each one's recall); for a binary one, {@code auc} (area under the ROC curve, exact). A
 * one-output classifier ({@code bce}, sigmoid {@code focal}) outputs a logit: its decision threshold is 0 (a
 * probability of 0.5), and the ROC ranks logits as it would their probabilities.
 */
public final class DistributedEvaluation {
    /** Examples per RDD element and per evaluation batch. */
    static final int BATCH = 256;

    private final JavaSparkContext jsc;
    private final int partitions;

    /** @param partitions the RDD's partitions (the cluster's task slots) */
    public DistributedEvaluation(JavaSparkContext jsc, int partitions) {
        this.jsc = jsc;
        this.partitions = Math.max(1, partitions);
    }

    /** The metrics of {@code net} (trained with {@code loss} scaled by {@code alpha}) on {@code data}, by name. */
    public Map<String, Double> evaluate(MultiLayerNetwork net, Loss loss, double alpha, DataSet data) {
        List<DataSet> batches = new ArrayList<>();
        data.batchBy(BATCH).forEach(b -> batches.add(b.copy()));
        JavaRDD<DataSet> rdd = jsc.parallelize(batches, Math.min(partitions, batches.size()));
        // Each call gets its own copy: the bridge broadcasts the parameters as an INDArray, and Spark closes an
        // AutoCloseable block value when the broadcast is removed, which would release the network's own buffer.
        Map<String, Double> out = new LinkedHashMap<>();
        out.put("loss", new SparkDl4jMultiLayer(jsc, net.clone(), null).calculateScore(rdd, true) / alpha);
        if (!loss.classifier()) {
            return out;
        }
        int outputs = (int) data.getLabels().size(1);
        boolean logit = loss.outputActivation(outputs) == Activation.IDENTITY;
        boolean binary = logit || outputs == 2;
        Evaluation classes = logit ? new Evaluation(0.0) : new Evaluation(outputs);
        IEvaluation<?>[] evaluations = binary ? new IEvaluation<?>[]{classes, new ROC(0)} : new IEvaluation<?>[]{classes};
        IEvaluation<?>[] done = new SparkDl4jMultiLayer(jsc, net.clone(), null).doEvaluation(rdd, BATCH, evaluations);
        Evaluation e = (Evaluation) done[0];
        out.put("accuracy", e.accuracy());
        out.put("balanced_accuracy", balancedAccuracy(e, logit ? 2 : outputs));
        if (binary) {
            out.put("auc", ((ROC) done[1]).calculateAUC());
        }
        return out;
    }

    /** The mean recall over the classes that have examples. */
    static double balancedAccuracy(Evaluation e, int classes) {
        double sum = 0;
        int present = 0;
        for (int c = 0; c < classes; c++) {
            int tp = e.truePositives().getOrDefault(c, 0);
            int fn = e.falseNegatives().getOrDefault(c, 0);
            if (tp + fn > 0) {
                sum += (double) tp / (tp + fn);
                present++;
            }
        }
        return present == 0 ? Double.NaN : sum / present;
    }
}
