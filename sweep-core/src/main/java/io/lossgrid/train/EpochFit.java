package io.lossgrid.train;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;

/**
 * How a trial's network is trained for one epoch when something other than this thread's mini-batch loop
 * trains it: a distributed runner (sweep-spark's {@code io.lossgrid.distributed}) fits it across workers and
 * leaves the averaged parameters in {@code net}. {@link Dl4jTrialRunner#run(io.lossgrid.grid.Trial,
 * io.lossgrid.data.TrainingData, EpochFit, String)} records the whole-data row before the first epoch and after
 * each, and checks the loss and the parameters, as for any trial.
 */
@FunctionalInterface
public interface EpochFit {
    /**
     * Trains {@code net} for epoch {@code epoch} (from 1) on {@code full}, the trial's whole data set; on return
     * {@code net} holds the parameters after the epoch. May throw: the trial becomes FAILED.
     */
    void fit(MultiLayerNetwork net, DataSet full, int epoch) throws Exception;
}
