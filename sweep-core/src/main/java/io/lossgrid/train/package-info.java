/**
 * Trains trials with DL4J: one trial as the network it describes with its loss scaled by α
 * ({@link io.lossgrid.train.ScaledLoss}, {@link io.lossgrid.train.Dl4jTrialRunner}), or many alike trials as one
 * stacked ND4J computation that gives each the same curve ({@link io.lossgrid.train.PackedLinearRunner} for linear
 * models, {@link io.lossgrid.train.PackedMlpRunner} for dense networks), the per-epoch loss curve, and the result
 * that divergence or an exception turns into instead of an error. {@link io.lossgrid.train.Trainer} chooses the
 * runner of each trial of a task. {@link io.lossgrid.train.EpochFit} lets another trainer (the distributed one in
 * sweep-spark) advance a trial's network an epoch at a time while this package records and judges its curve;
 * {@link io.lossgrid.train.Models} says which network of a trial is saved, and where ({@link io.lossgrid.train.ModelSink}).
 */
package io.lossgrid.train;
