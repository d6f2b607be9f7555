package io.lossgrid.distributed;

import io.lossgrid.spec.Distributed;
import io.lossgrid.train.Dl4jTrialRunner;
import io.lossgrid.train.EpochFit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.api.Repartition;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.dataset.DataSet;

/**
 * One epoch of a distributed trial: the bridge's {@link SparkDl4jMultiLayer} fits the network with a
 * {@link ParameterAveragingTrainingMaster} across exactly {@code workers} partitions of the data, and leaves the
 * averaged parameters in the network.
 *
 * <p>The data: one single-example {@link DataSet} per row, cut by {@code parallelize} into {@code workers}
 * partitions whose sizes differ by at most one (equal when {@code workers} divides the rows), never cached
 * and never repartitioned by the bridge ({@link Repartition#Never}, {@link RDDTrainingApproach#Direct}).
 * Mini-batch: the rows are reshuffled every epoch from the trial's seed (as on one executor) before they are
 * cut, each worker fits its partition in mini-batches of {@code batchSizePerWorker}, and the bridge averages
 * the parameters (and the updater's state) after every {@code averagingFrequency} mini-batches of each worker:
 * it cuts an epoch into {@code max(1, rows / (workers x batchSizePerWorker x averagingFrequency))} splits,
 * dealing each partition's rows to the splits at random from a seed drawn from the trial's seed, and averages at
 * the end of each split (so exactly every {@code averagingFrequency} steps when that divides evenly). Full batch:
 * one mini-batch of the whole partition per worker, averaged at the end of the epoch; with plain SGD and equal
 * partitions that is exactly full-batch gradient descent.
 *
 * <p>Deterministic where the bridge allows: the data's order, its partitions and the splits come from the
 * trial's seed; the bridge adds the workers' parameters in the order their tasks finish, so with more than two
 * workers two runs can differ in the last bits of float rounding; dropout on a worker draws from ND4J's
 * unseeded generator.
 */
public final class DistributedFit implements EpochFit {
    private final JavaSparkContext jsc;
    private final Distributed distributed;
    private final long seed;
    private final String description;
    private SparkDl4jMultiLayer spark;
    private JavaRDD<DataSet> fullBatchRdd;

    /**
     * @param description the Spark job description of the trial's jobs (naming the trial)
     */
    public DistributedFit(JavaSparkContext jsc, Distributed distributed, long seed, String description) {
        this.jsc = jsc;
        this.distributed = distributed;
        this.seed = seed;
        this.description = description;
    }

    @Override
    public void fit(MultiLayerNetwork net, DataSet full, int epoch) {
        if (spark == null || spark.getNetwork() != net) {
            spark = new SparkDl4jMultiLayer(jsc, net, master(full.numExamples()));
        }
        jsc.setJobDescription(description + ", epoch " + epoch);
        try {
            spark.fit(epochData(full, epoch));
        } finally {
            jsc.setJobDescription(null);
        }
    }

    /** The parameter-averaging master of this trial over {@code rows} examples. */
    ParameterAveragingTrainingMaster master(int rows) {
        int perWorker = distributed.fullBatch() ? distributed.partitionSize(rows, 0) : distributed.batchSizePerWorker();
        return new ParameterAveragingTrainingMaster.Builder(distributed.workers(), 1)
                .batchSizePerWorker(perWorker)
                .averagingFrequency(distributed.averagingFrequency())
                .rddTrainingApproach(RDDTrainingApproach.Direct)
                .repartionData(Repartition.Never)
                .storageLevel(null)
                .workerPrefetchNumBatches(0)
                .saveUpdater(true)
                .rngSeed(seed)
                .collectTrainingStats(false)
                .build();
    }

    /** The epoch's data in exactly {@code workers} partitions: as it is for full batch, reshuffled for mini-batches. */
    JavaRDD<DataSet> epochData(DataSet full, int epoch) {
        if (distributed.fullBatch()) {
            if (fullBatchRdd == null) {
                fullBatchRdd = jsc.parallelize(examples(full), distributed.workers());
            }
            return fullBatchRdd;
        }
        DataSet shuffled = full.copy();
        shuffled.shuffle(Dl4jTrialRunner.shuffleSeed(seed, epoch));
        return jsc.parallelize(examples(shuffled), distributed.workers());
    }

    /** One single-example data set per row, each holding its own copy (not a view of the whole). */
    static List<DataSet> examples(DataSet full) {
        List<DataSet> out = new ArrayList<>(full.numExamples());
        for (int i = 0; i < full.numExamples(); i++) {
            out.add(full.get(i).copy());
        }
        return out;
    }
}
