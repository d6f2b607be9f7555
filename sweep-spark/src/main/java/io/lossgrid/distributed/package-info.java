/**
 * Trials bigger than one executor, through the Spark-DL4J bridge ({@code dl4j-spark}): a distributed trial
 * ({@code training.distributed}) trains data-parallel with {@code SparkDl4jMultiLayer} and a
 * {@code ParameterAveragingTrainingMaster} across {@code workers} equal partitions of its data, as its own
 * Spark jobs driven from the driver ({@link io.lossgrid.distributed.DistributedFit},
 * {@link io.lossgrid.distributed.DistributedTrials}); its curve is recorded and judged by sweep-core's runner
 * like any trial's. Saved models are evaluated over an RDD with the bridge's distributed evaluation
 * ({@link io.lossgrid.distributed.DistributedEvaluation}). Only the driver side lives here: the bridge's own
 * functions run on the executors.
 */
package io.lossgrid.distributed;
