/**
 * The driver: turns a spec into trials, hands them to Spark in batches ({@link io.lossgrid.job.SweepJob}),
 * trains them on executors ({@code TrainPartition}), commits each batch's results, shows progress, and
 * keeps {@code sweep.json} ({@link io.lossgrid.job.Manifest}); resume, overwrite and rerun of failed
 * trials. Nothing here is worth testing without Spark; what is lives in sweep-core.
 */
package io.lossgrid.job;
