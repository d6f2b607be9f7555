/**
 * The driver: turns a spec into trials and runs them batch by batch. {@link io.lossgrid.job.SweepRun} decides
 * (which trials go into the next batch, when to commit, when a poisoned sweep stops, what the manifest
 * records) without Spark; {@link io.lossgrid.job.SweepJob} wires it to Spark: training on executors
 * ({@code SparkTraining}, {@code TrainPartition}, which binds each task to the device Spark assigned it,
 * see {@link io.lossgrid.device.TaskDevice}), the progress line, and a
 * {@link io.lossgrid.store.ResultDirectory} that commits each batch. Batch sizes come from
 * {@code BatchSizer}; what a run does with an existing directory is {@link io.lossgrid.store.RunMode}'s.
 * The batches' trials come from a {@code TrialSource}: the grid's, or a boundary search's rounds
 * ({@code SearchRounds}), each planned from the trials committed before it. A task's memory is bounded by
 * {@code TrialMemory}; a run stopped by Ctrl-C ({@code Interruption}) or by a store that failed mid-run ends
 * with a one-line {@link io.lossgrid.job.RunHalted}.
 */
package io.lossgrid.job;
